import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNotificationEnv } from './env';
import { folderMailer } from './mailer';

describe('readNotificationEnv', () => {
  it('has no SMTP by default and links to the app at AUTH_URL, or APP_URL when given', () => {
    expect(readNotificationEnv({})).toEqual({
      smtpUrl: undefined,
      mailFrom: 'BMB <bmb-noreply@localhost>',
      appUrl: 'http://localhost:3000',
      production: false,
      webhookTargets: 'development',
    });
    expect(
      readNotificationEnv({ AUTH_URL: 'https://bmb.region.se/', NODE_ENV: 'production' }),
    ).toMatchObject({
      appUrl: 'https://bmb.region.se',
      production: true,
    });
    expect(readNotificationEnv({ NODE_ENV: 'production' }).webhookTargets).toBe('production');
    expect(
      readNotificationEnv({
        NODE_ENV: 'production',
        BMB_ALLOW_INSECURE_DEV_SETTINGS: 'i-am-a-test-harness',
      }).webhookTargets,
    ).toBe('development');
    expect(readNotificationEnv({ AUTH_URL: 'https://a.se', APP_URL: 'https://b.se' }).appUrl).toBe(
      'https://b.se',
    );
  });

  it('refuses an SMTP_URL that is not smtp:// or smtps://', () => {
    expect(() => readNotificationEnv({ SMTP_URL: 'http://mail.region.se' })).toThrow(/SMTP_URL/);
    expect(readNotificationEnv({ SMTP_URL: 'smtps://u:p@mail.region.se:465' }).smtpUrl).toBe(
      'smtps://u:p@mail.region.se:465',
    );
  });
});

describe('folderMailer', () => {
  it('writes each message as an .eml file, for development without SMTP', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'bmb-mail-'));
    try {
      const mailer = folderMailer(folder, 'BMB <bmb@localhost>');
      await mailer.send({
        to: 'bo@region.example',
        subject: 'Du har fått en BMB att kvittera',
        text: 'Hej',
        messageId: '<n1@bmb>',
      });
      mailer.close();
      const files = await readdir(folder);
      expect(files).toHaveLength(1);
      const eml = await readFile(join(folder, files[0]!), 'utf8');
      expect(eml).toMatch(/^To: bo@region\.example$/m);
      expect(eml).toMatch(/^Message-ID: <n1@bmb>$/m);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
