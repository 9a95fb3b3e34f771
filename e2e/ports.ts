/** e2e runs its own servers on ports beside the dev ones (3000/3001), so both can run. */
export const WEB_PORT = 3100;
export const WEB_URL = `http://localhost:${WEB_PORT}`;
