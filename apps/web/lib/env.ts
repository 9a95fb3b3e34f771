import { z } from 'zod';

/**
 * The web app's configuration, validated once at start (instrumentation.ts).
 * In development the dev IdP's settings are the defaults, so the README's first
 * command needs nothing; in production every AUTH_* value must be given.
 */
const isProduction = process.env.NODE_ENV === 'production';
const dev = <T extends z.ZodType>(schema: T, fallback: z.input<T>) =>
  isProduction ? schema : schema.default(fallback as never);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  AUTH_SECRET: dev(z.string().min(32, 'AUTH_SECRET must be at least 32 characters'), 'development-only-secret-never-use-in-production'),
  /** The app's public URL: the IdP sends people back here after logout. */
  AUTH_URL: dev(z.url(), 'http://localhost:3000'),
  AUTH_OIDC_ISSUER: dev(z.url(), 'http://localhost:3001'),
  AUTH_OIDC_ID: dev(z.string().min(1), 'bmb-web'),
  AUTH_OIDC_SECRET: dev(z.string().min(1), 'bmb-dev-secret'),
  /** Signed out after this long without a request. */
  AUTH_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** Signed out this long after signing in, whatever happens. */
  AUTH_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(7 * 24).default(10),
  /**
   * Where the notification worker runs: inside this server (development, and
   * always on the embedded database, which one process owns), as its own
   * process (`pnpm worker`, production on PostgreSQL), or not at all.
   */
  NOTIFICATION_WORKER: z.enum(['in-process', 'external', 'off']).optional(),
}).superRefine((e, ctx) => {
  // Auth.js does not verify the ID token's signature: it trusts the TLS of the
  // token endpoint instead. So in production the issuer must be https (a local
  // issuer on the same machine, as in the e2e tests, is the one exception).
  const issuer = new URL(e.AUTH_OIDC_ISSUER);
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
  if (e.NODE_ENV === 'production' && issuer.protocol !== 'https:' && !local) {
    ctx.addIssue({ code: 'custom', path: ['AUTH_OIDC_ISSUER'], message: 'must be an https:// URL in production' });
  }
});

/** The worker's place when NOTIFICATION_WORKER does not say. */
export function notificationWorkerMode(e: WebEnv = env()): 'in-process' | 'external' | 'off' {
  if (e.NOTIFICATION_WORKER) return e.NOTIFICATION_WORKER;
  return e.NODE_ENV === 'production' && process.env.DATABASE_URL ? 'external' : 'in-process';
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
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`BMB cannot start: the configuration is incomplete.\n${problems}\nSee README.md, "Configuration".`);
  }
  cached = parsed.data;
  return cached;
}
