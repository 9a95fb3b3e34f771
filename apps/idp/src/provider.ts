import Provider, { type Configuration } from 'oidc-provider';
import type { IdpEnv } from './env';
import { loadOrCreateKeys } from './keys';
import { logoutPage, messagePage } from './pages';
import { findIdpUser } from './users';

export function createProvider(env: IdpEnv): Provider {
  const keys = loadOrCreateKeys(env.dataDir);
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
          return { sub: user.username, preferred_username: user.username, name: user.name, email: user.email };
        },
      };
    },
    // BMB is this IdP's only, first-party client: no consent screen.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
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
      ctx.body = messagePage('Inloggningen misslyckades', `${out.error}: ${out.error_description ?? ''}`);
    },
    ttl: {
      Session: 8 * 3600,
      Interaction: 600,
      Grant: 8 * 3600,
      AccessToken: 600,
      IdToken: 3600,
      AuthorizationCode: 60,
    },
  };
  return new Provider(env.issuer, configuration);
}
