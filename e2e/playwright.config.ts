import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { WEB_PORT, WEB_URL } from './ports';

// Playwright cannot download its browser on these machines: use the system
// Chromium where there is one (Debian's), else Playwright's own.
const systemChromium = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

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
    {
      name: 'chromium',
      use: {
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
      },
    },
  ],
  webServer: {
    command: 'node scripts/serve-app.mjs',
    url: `${WEB_URL}/avsluta`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    env: { WEB_PORT: String(WEB_PORT) },
  },
});
