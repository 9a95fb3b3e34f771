import { startIdp } from '../harness/stack';

/**
 * The region's stock system as the benchmark plays it: the development IdP on
 * the port the bench server already names as its issuer (server.ts), and the
 * client `lagersystem` getting tokens by the client-credentials grant, as the
 * README's `curl` line does. Tokens live ten minutes: a scenario asks for a
 * fresh one before it runs, never in the middle of a measurement.
 */
export const BENCH_IDP_PORT = 3299;
const CLIENT = 'lagersystem:lagersystem-dev-secret';
const SCOPES = 'masterdata:write events:read bmbs:read';

export interface MachineClient {
  /** A fresh `Bearer …` value for the bench server's API. */
  authorization(): Promise<string>;
}

export async function startMachineClient(appUrl: string): Promise<MachineClient> {
  const idp = await startIdp(BENCH_IDP_PORT, [appUrl]);
  const discovery = (await (
    await fetch(`${idp.url}/.well-known/openid-configuration`)
  ).json()) as { token_endpoint: string };
  return {
    async authorization() {
      const response = await fetch(discovery.token_endpoint, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(CLIENT).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          scope: SCOPES,
          resource: `${appUrl}/api/v1`,
        }),
      });
      if (!response.ok) throw new Error(`token request answered ${response.status}: ${await response.text()}`);
      return `Bearer ${((await response.json()) as { access_token: string }).access_token}`;
    },
  };
}
