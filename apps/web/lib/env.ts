import { z } from 'zod';
import { log } from './log';

/**
 * The web app's configuration, validated once at start (instrumentation.ts).
 * In development the dev IdP's settings are the defaults, so the README's first
 * command needs nothing; in production every AUTH_* value must be given, and
 * the development values (bundled secrets, plain http) are refused.
 */
const isProduction = process.env.NODE_ENV === 'production';
const dev = <T extends z.ZodType>(schema: T, fallback: z.input<T>) =>
  isProduction ? schema : schema.default(fallback as never);

const DEV_AUTH_SECRET = 'development-only-secret-never-use-in-production';
/** The dev IdP's client secret (apps/idp), published in this repository. */
const DEV_OIDC_SECRET = 'bmb-dev-secret';

/**
 * The test harnesses run the production build on plain http against the dev
 * IdP. They, and only they, set BMB_ALLOW_INSECURE_DEV_SETTINGS to this value:
 * a name and value nobody types by accident. Production logs a warning at
 * start whenever it is set.
 */
const TEST_HARNESS_OPT_OUT = 'i-am-a-test-harness';

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    AUTH_SECRET: dev(
      z.string().min(32, 'AUTH_SECRET must be at least 32 characters'),
      DEV_AUTH_SECRET,
    ),
    /** The app's public URL: the IdP sends people back here after logout. */
    AUTH_URL: dev(z.url(), 'http://localhost:3000'),
    AUTH_OIDC_ISSUER: dev(z.url(), 'http://localhost:3001'),
    AUTH_OIDC_ID: dev(z.string().min(1), 'bmb-web'),
    AUTH_OIDC_SECRET: dev(z.string().min(1), DEV_OIDC_SECRET),
    /** Signed out after this long without a request. */
    AUTH_SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
    /** Signed out this long after signing in, whatever happens. */
    AUTH_SESSION_MAX_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24)
      .default(10),
    /**
     * Where the notification worker runs: inside this server (development, and
     * always on the embedded database, which one process owns), as its own
     * process (`pnpm worker`, production on PostgreSQL), or not at all.
     */
    NOTIFICATION_WORKER: z.enum(['in-process', 'external', 'off']).optional(),
    BMB_ALLOW_INSECURE_DEV_SETTINGS: z
      .literal(TEST_HARNESS_OPT_OUT, {
        message:
          'is for test harnesses only and has one accepted value; remove it (see README.md, "Configuration")',
      })
      .optional(),
  })
  .superRefine((e, ctx) => {
    if (e.NODE_ENV !== 'production' || e.BMB_ALLOW_INSECURE_DEV_SETTINGS) return;
    for (const issue of developmentSettings(e)) ctx.addIssue({ code: 'custom', ...issue });
  });

/**
 * The development values a production configuration must not use. Auth.js does
 * not verify the ID token's signature (it trusts the TLS of the token endpoint),
 * so a plain-http issuer, even on localhost, lets whoever sits on the path sign
 * people in; a plain-http AUTH_URL sends the session cookie in clear text.
 */
function developmentSettings(e: {
  AUTH_SECRET: string;
  AUTH_URL: string;
  AUTH_OIDC_ISSUER: string;
  AUTH_OIDC_SECRET: string;
}) {
  const found: { path: [string]; message: string }[] = [];
  if (e.AUTH_SECRET === DEV_AUTH_SECRET) {
    found.push({
      path: ['AUTH_SECRET'],
      message:
        'is the bundled development secret; set a random value of 32+ characters (openssl rand -base64 32)',
    });
  }
  if (e.AUTH_OIDC_SECRET === DEV_OIDC_SECRET) {
    found.push({
      path: ['AUTH_OIDC_SECRET'],
      message:
        "is the development IdP's client secret; set BMB's client secret at the region's issuer",
    });
  }
  if (new URL(e.AUTH_OIDC_ISSUER).protocol !== 'https:') {
    found.push({ path: ['AUTH_OIDC_ISSUER'], message: 'must be an https:// URL in production' });
  }
  if (new URL(e.AUTH_URL).protocol !== 'https:') {
    found.push({
      path: ['AUTH_URL'],
      message: 'must be an https:// URL in production (the public URL users reach BMB at)',
    });
  }
  return found;
}

/** The worker's place when NOTIFICATION_WORKER does not say. */
export function notificationWorkerMode(e: WebEnv = env()): 'in-process' | 'external' | 'off' {
  if (e.NOTIFICATION_WORKER) return e.NOTIFICATION_WORKER;
  return e.NODE_ENV === 'production' && process.env.DATABASE_URL ? 'external' : 'in-process';
}

/**
 * Where Admin may register webhooks (docs/decisions/012-webhooks.md): in
 * production, https and public addresses only (no server-side request
 * forgery); in development, and for the test harness's opt-out, anything, so
 * that tests receive webhooks on http://127.0.0.1.
 */
export function webhookTargetMode(e: WebEnv = env()): 'production' | 'development' {
  return e.NODE_ENV === 'production' && !e.BMB_ALLOW_INSECURE_DEV_SETTINGS
    ? 'production'
    : 'development';
}

export type WebEnv = z.infer<typeof schema>;

let cached: WebEnv | undefined;

/** Validates a configuration; `env()` is this on process.env, once. */
export function parseWebEnv(source: Record<string, string | undefined>) {
  return schema.safeParse(source);
}

export function env(): WebEnv {
  if (cached) return cached;
  const parsed = parseWebEnv(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `  ${i.path.join('.')}: ${i.message}`)
      .join('\n');
    throw new Error(
      `BMB cannot start: the configuration is incomplete or unsafe.\n${problems}\nSee README.md, "Configuration".`,
    );
  }
  cached = parsed.data;
  if (cached.NODE_ENV === 'production' && cached.BMB_ALLOW_INSECURE_DEV_SETTINGS) {
    // Never silent: whoever reads the log of a real deployment must see this line.
    log.warn('config.insecure-dev-settings', {
      variable: 'BMB_ALLOW_INSECURE_DEV_SETTINGS',
      note: 'production is running with development settings allowed; for test harnesses only',
      relaxed: developmentSettings(cached).map((i) => i.path[0]),
    });
  }
  return cached;
}
