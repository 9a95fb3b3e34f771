/** e2e runs its own servers beside the dev ones (3000/3001), so both can run. */
export const WEB_PORT = 3100;
export const WEB_URL = `http://localhost:${WEB_PORT}`;
export const IDP_PORT = 3101;
export const IDP_URL = `http://localhost:${IDP_PORT}`;
