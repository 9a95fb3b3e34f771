/** What the bare app reads from its environment; the benchmark sets it as for apps/web (server.ts). */
export const bareEnv = {
  production: process.env.NODE_ENV === 'production',
  authUrl: process.env.AUTH_URL ?? 'http://localhost:3281',
  identityProvider: process.env.AUTH_OIDC_ISSUER ?? 'http://localhost:3299',
};
