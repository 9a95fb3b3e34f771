/** e2e runs its own servers beside the dev ones (3000/3001), so both can run. */
export const WEB_PORT = 3100;
export const WEB_URL = `http://localhost:${WEB_PORT}`;
export const IDP_PORT = 3101;
export const IDP_URL = `http://localhost:${IDP_PORT}`;
/** The mail sink: the app sends notifications to its SMTP port, tests read them over HTTP. */
export const MAIL_SMTP_PORT = 3125;
export const MAIL_HTTP_PORT = 3126;
export const MAIL_URL = `http://localhost:${MAIL_HTTP_PORT}`;
