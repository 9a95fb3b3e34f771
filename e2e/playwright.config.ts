import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import {
  IDP_PORT,
  IDP_URL,
  MAIL_HTTP_PORT,
  MAIL_SMTP_PORT,
  MAIL_URL,
  WEB_PORT,
  WEB_URL,
} from './ports';

// Playwright cannot download its browser on these machines: use the system
// Chromium where there is one (Debian's), else Playwright's own.
const systemChromium =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: systemChromium
    ? {
        executablePath: systemChromium,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      }
    : {},
};

export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  timeout: 30_000,
  use: {
    baseURL: WEB_URL,
    trace: 'on-first-retry',
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
  },
  projects: [
    // Each demo user logs in once through the real IdP; the tests reuse the sessions.
    { name: 'login', testMatch: /login\.setup\.ts/, use: chromium },
    // Before the other specs, on the seed as it was (they send and answer BMBs).
    {
      name: 'page-matrix',
      dependencies: ['login'],
      testMatch: /page-matrix\.spec\.ts/,
      use: chromium,
    },
    {
      name: 'chromium',
      dependencies: ['page-matrix'],
      testIgnore: /page-matrix\.spec\.ts/,
      use: chromium,
    },
  ],
  webServer: [
    {
      command: 'node scripts/mail-sink.mjs',
      url: MAIL_URL,
      reuseExistingServer: false,
      timeout: 30_000,
      env: { MAIL_SMTP_PORT: String(MAIL_SMTP_PORT), MAIL_HTTP_PORT: String(MAIL_HTTP_PORT) },
    },
    {
      command: 'pnpm --filter @bmb/idp start',
      url: `${IDP_URL}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      // The dev app's URL too: tests ask for a token meant for another BMB, which this one must refuse.
      env: {
        IDP_PORT: String(IDP_PORT),
        IDP_APP_URLS: `${WEB_URL},http://localhost:3000`,
        IDP_DATA_DIR: '../.data/e2e-idp',
      },
    },
    {
      command: 'node scripts/serve-app.mjs',
      url: `${WEB_URL}/logga-in`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      env: { WEB_PORT: String(WEB_PORT), IDP_URL, SMTP_URL: `smtp://127.0.0.1:${MAIL_SMTP_PORT}` },
    },
  ],
});
