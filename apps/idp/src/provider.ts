import Provider, { errors, type Configuration } from 'oidc-provider';
import type { IdpEnv } from './env';
import { loadOrCreateKeys } from './keys';
import { logoutPage, messagePage } from './pages';
import { findIdpUser } from './users';

/** What the stock system may do in the BMB API; every scope is granted to it. */
export const MACHINE_CLIENT_SCOPES = ['masterdata:write', 'events:read', 'bmbs:read'] as const;

/** The resource indicator (RFC 8707) of an app's API, and the `aud` of the tokens for it. */
export function apiResource(appUrl: string): string {
  return `${appUrl}/api/v1`;
}

export function createProvider(env: IdpEnv): Provider {
  const keys = loadOrCreateKeys(env.dataDir);
  const apiResources = new Set(env.appUrls.map(apiResource));
  const isMachineClient = (clientId: string | undefined) => clientId === env.machineClientId;
  const configuration: Configuration = {
    clients: [
      {
        client_id: env.clientId,
        client_secret: env.clientSecret,
        redirect_uris: env.appUrls.map((url) => `${url}/api/auth/callback/oidc`),
        post_logout_redirect_uris: env.appUrls.map((url) => `${url}/avsluta`),
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
      {
        client_id: env.machineClientId,
        client_secret: env.machineClientSecret,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        // oidc-provider treats client_secret_basic and client_secret_post as one
        // method: a client registered with either may authenticate with both.
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: keys.jwks,
    cookies: { keys: keys.cookieKeys },
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username'],
      email: ['email'],
    },
    // Name claims in the ID token itself, as regional IdPs send them.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // No default audience: the machine client must name the app it calls.
        // Two apps share this IdP (dev and e2e), and a token defaulted to the
        // first would only fail later, at the other app, as a wrong audience.
        // Other clients keep oidc-provider's default (no resource).
        defaultResource(_ctx, client, oneOf) {
          if (oneOf) return oneOf;
          if (isMachineClient(client.clientId)) {
            throw new errors.InvalidTarget(
              `resource is required, one of: ${[...apiResources].join(', ')}`,
            );
          }
          return undefined;
        },
        // Only the machine client gets API tokens: short-lived JWTs the apps
        // verify against this provider's JWKS, with aud = the API's URL. The
        // scope here is the most a token may carry; requested scopes outside
        // it are left out of the token (oidc-provider's behaviour), not refused,
        // and a request without `scope` gets a token without scopes. The API
        // scopes are not registered in `scopes`, so the web client's login
        // (scopes_supported, consent) stays as it was.
        getResourceServerInfo(_ctx, resourceIndicator, client) {
          if (!isMachineClient(client.clientId) || !apiResources.has(resourceIndicator)) {
            throw new errors.InvalidTarget();
          }
          return {
            scope: MACHINE_CLIENT_SCOPES.join(' '),
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.body = messagePage('Utloggad', 'Du är utloggad från regionens inloggning.');
        },
      },
    },
    async findAccount(_ctx, sub) {
      const user = findIdpUser(sub);
      if (!user) return undefined;
      return {
        accountId: user.username,
        async claims() {
          return {
            sub: user.username,
            preferred_username: user.username,
            name: user.name,
            email: user.email,
          };
        },
      };
    },
    // BMB is this IdP's only, first-party client: no consent screen.
    async loadExistingGrant(ctx) {
      const grantId =
        ctx.oidc.result?.consent?.grantId ??
        ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) {
        const existing = await ctx.oidc.provider.Grant.find(grantId);
        if (existing) return existing;
      }
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope('openid profile email');
      await grant.save();
      return grant;
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = messagePage(
        'Inloggningen misslyckades',
        `${out.error}: ${out.error_description ?? ''}`,
      );
    },
    ttl: {
      Session: 8 * 3600,
      Interaction: 600,
      Grant: 8 * 3600,
      AccessToken: 600,
      ClientCredentials: 600,
      IdToken: 3600,
      AuthorizationCode: 60,
    },
  };
  return new Provider(env.issuer, configuration);
}
