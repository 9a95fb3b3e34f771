import { countOpenUnlockRequests } from '@bmb/db/queries';
import { demoId } from '@bmb/db/seed';
import { testAdminScope, testDbKinds } from '@bmb/db/testing';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import OverviewPage from '@/app/(app)/admin/page';
import { WhatWaits } from '@/app/(app)/hjalpmedel/what-waits';
import BmbPage from '@/app/(app)/skickade-bmb/[bmbId]/page';
import { requestUnlock } from '@/app/(app)/skickade-bmb/actions';
import { resetManualDevices, sendBmbAs } from './bmb-fixtures';
import { formData } from './forms';
import { testSession as session } from './session';
import { createWorld, type World } from './world';

/** Issue 20, item 1: what waits for Länsservice shows where they look first. */
describe.each(testDbKinds())('Länsservice’s desk on %s', (kind) => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld(kind);
  });
  beforeEach(() => {
    session.world = world;
  });
  afterAll(() => world?.handle.close());

  const startPageFor = async (username: string) => {
    const user = await world.userFor(username);
    session.user = user;
    return renderToStaticMarkup(await WhatWaits({ user }));
  };

  it('counts an unlock request on the start page, linked to the queue, and on Översikt', async () => {
    const before = await countOpenUnlockRequests(world.db, testAdminScope(world.workspaceId));
    session.user = await world.userFor('k100ana');
    expect(await requestUnlock({ message: '' }, formData({ bmbId: demoId('bmb', 'locked-1'), message: 'Semester.' }))).toMatchObject({
      done: true,
    });
    const waiting = before + 1;
    const text = `${waiting} ${waiting === 1 ? 'begäran om upplåsning väntar' : 'begäranden om upplåsning väntar'}`;
    const admin = await startPageFor('admin');
    expect(admin).toContain(text);
    expect(admin).toContain('href="/admin/lasta-bmb#queue-heading"');
    expect(admin).not.toContain('Inget väntar på dig just nu.');
    // A prescriber's start page says nothing of Länsservice's queue.
    expect(await startPageFor('k200bo')).not.toContain('upplåsning väntar');

    session.user = await world.userFor('admin');
    const overview = renderToStaticMarkup(await OverviewPage());
    expect(overview).toMatch(new RegExp(`Begäran om upplåsning väntar</dt><dd[^>]*><a [^>]*href="/admin/lasta-bmb#queue-heading"[^>]*>${waiting}</a>`));
    // The weekly chart has a value axis (0 and the top) and months along the time axis.
    expect(overview).toMatch(/<text[^>]*>0<\/text>/);
    expect(overview).toMatch(/<text[^>]*>(jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)<\/text>/);
  });

  it('shows Länsservice a BMB’s history in Swedish on its page ("Visa händelser"), and nobody else', async () => {
    const bmbId = await sendBmbAs(world, session, 'k100ana');
    const page = async (username: string) => {
      session.user = await world.userFor(username);
      return renderToStaticMarkup(await BmbPage({ params: Promise.resolve({ bmbId }) }));
    };
    const asAdmin = await page('admin');
    expect(asAdmin).toContain('Visa händelser (2)');
    expect(asAdmin).toContain('Utkast till k200bo (Bo Lindberg): 10156 individ 170098 för Svensson, Testare');
    expect(asAdmin).toContain('Skickad till k200bo (Bo Lindberg)');
    expect(await page('k100ana')).not.toContain('Visa händelser');
    await resetManualDevices(world);
  });
});
