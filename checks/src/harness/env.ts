/**
 * The checks' settings, read once. Child processes (db:setup, the IdP, the web
 * servers) inherit `inherited` plus what each sets for itself.
 */
export const checkEnv = {
  /** PostgreSQL server the check creates its `bmb_check_*` database on. */
  pgServer: process.env.CHECK_PG_SERVER ?? 'postgres://postgres@127.0.0.1:5432',
  /** Keep the servers' logs (in the printed scratch folder) after the run. */
  keepLogs: !!process.env.CHECK_KEEP_LOGS,
};

const APP_SETTINGS = /^(DATABASE_URL|MIGRATION_DATABASE_URL|DATABASE_APP_.*|PGLITE_DATA_DIR|TEST_DATABASE_URL|AUTH_.*|SMTP_URL|MAIL_FROM|APP_URL|NOTIFICATION_WORKER|PORT|NODE_ENV|IDP_.*|NEXT_.*)$/;

/** The caller's environment without the app's own settings: each check sets those itself. */
export const inherited: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !APP_SETTINGS.test(name)));
