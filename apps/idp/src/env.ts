import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';

/**
 * The development identity provider's settings. It signs people in for
 * development and tests only, so it refuses to run in production.
 */
const schema = z.object({
  NODE_ENV: z.string().optional(),
  IDP_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  IDP_ISSUER: z.url().optional(),
  IDP_CLIENT_ID: z.string().min(1).default('bmb-web'),
  IDP_CLIENT_SECRET: z.string().min(8).default('bmb-dev-secret'),
  /** The region's stock system, calling the BMB API with client-credentials tokens. */
  IDP_MACHINE_CLIENT_ID: z.string().min(1).default('lagersystem'),
  IDP_MACHINE_CLIENT_SECRET: z.string().min(8).default('lagersystem-dev-secret'),
  /** The BMB apps allowed to sign in here (dev on 3000, e2e on 3100). */
  IDP_APP_URLS: z.string().default('http://localhost:3000,http://localhost:3100'),
  IDP_DATA_DIR: z.string().optional(),
});

function workspaceRoot(): string {
  let dir = resolve(process.cwd());
  while (!existsSync(join(dir, 'pnpm-workspace.yaml')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export function readIdpEnv(source: Record<string, string | undefined> = process.env) {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    throw new Error(
      `Invalid IdP configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const env = parsed.data;
  if (env.NODE_ENV === 'production') {
    throw new Error(
      'The development identity provider refuses to start with NODE_ENV=production. ' +
        "Point the app at the region's issuer with AUTH_OIDC_ISSUER, AUTH_OIDC_ID and AUTH_OIDC_SECRET.",
    );
  }
  if (env.IDP_MACHINE_CLIENT_ID === env.IDP_CLIENT_ID) {
    throw new Error(
      'Invalid IdP configuration: IDP_MACHINE_CLIENT_ID must differ from IDP_CLIENT_ID.',
    );
  }
  return {
    // Loopback only: anyone who can reach this provider can sign in as any demo
    // user, so it must never answer on a network interface. `localhost` (the
    // issuer's host) resolves to 127.0.0.1 here.
    host: '127.0.0.1',
    port: env.IDP_PORT,
    issuer: env.IDP_ISSUER ?? `http://localhost:${env.IDP_PORT}`,
    clientId: env.IDP_CLIENT_ID,
    clientSecret: env.IDP_CLIENT_SECRET,
    machineClientId: env.IDP_MACHINE_CLIENT_ID,
    machineClientSecret: env.IDP_MACHINE_CLIENT_SECRET,
    appUrls: env.IDP_APP_URLS.split(',')
      .map((u) => u.trim().replace(/\/$/, ''))
      .filter(Boolean),
    dataDir: env.IDP_DATA_DIR ?? join(workspaceRoot(), '.data', 'idp'),
  };
}

export type IdpEnv = ReturnType<typeof readIdpEnv>;
