import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { demoHistoricBmbs } from '../../../packages/db/src/seed/demo-data';
import { demoId } from '../../../packages/db/src/seed/demo-id';
import { WEB_URL } from '../../ports';
import {
  everyone,
  exampleCopy,
  nobody,
  productionPatients,
  seedEntitlement,
  trainingPatients,
} from '../leak-scan/oracle';
import { exposure, matcherFor, type Person } from '../leak-scan/patterns';
import { learnerInSandbox, storageStateOf } from '../users';

/**
 * Issue 15, item 2: every page of the production build, requested as HTML and
 * as the RSC payload, by every kind of reader, with real ids in the dynamic
 * segments. A body may name only the patients the leak scan's oracle lets
 * that reader see; an admin page must answer 404 to everyone but Länsservice
 * (with nothing of its data inside). The list of pages is the build's own
 * manifest, so a new page that this table lacks fails the test.
 *
 * Runs before the other specs (its own Playwright project), on the seed as it
 * was: the other specs send and answer BMBs, which widens who may see whom.
 * Requests are made as a same-origin navigation would be (Sec-Fetch-Site), so
 * pages answer with their data, not with the confirmation of item 8.
 */

type Reader = 'anonymous' | 'party' | 'nonParty' | 'admin' | 'learner';
const READERS: Reader[] = ['anonymous', 'party', 'nonParty', 'admin', 'learner'];
/** The party is k100ana; k200bo is a party to none of the BMBs used below. */
const USERNAME = { party: 'k100ana', nonParty: 'k200bo', admin: 'admin' } as const;

const bmbId = (key: string) => demoId('bmb', key);
const seeded = (key: string) => demoHistoricBmbs.find((b) => b.key === key)!;
const SVENSSON = demoId('patient', '191212121212');
/** waiting-1: k400eva → k100ana (Nilsson). locked-1: k100ana → k400eva (Öberg). */
const WAITING = seeded('waiting-1');
const LOCKED = seeded('locked-1');

/** What a reader may get: a status, or any of a few (null: not this test's business, the body is still scanned). */
type Status = number | number[] | null;
interface PageCase {
  path: string;
  /** anonymous, party, nonParty, admin, learner */
  status: [Status, Status, Status, Status, Status];
  /** Patients this page may show to any prescriber besides their own (a lookup by id is open to all, and logged). */
  openTo?: Person[];
  /** Text only the page itself renders: a reader it refuses must not get it, not even inside the 404. */
  ownText?: string[];
}
const ANON: Status = [307, 303];
const OK = 200;
const NO = 404;
const svensson = productionPatients.find((p) => p.personnummer === '191212121212')!;

const PAGES: Record<string, PageCase> = {
  '/': { path: '/', status: [ANON, 307, 307, 307, 307] },
  '/hjalpmedel': { path: '/hjalpmedel', status: [ANON, OK, OK, OK, OK] },
  // The sandbox has the manual's patient too, under the same id (its fictional copy): the learner sees that one.
  '/hjalpmedel/[patientId]': {
    path: `/hjalpmedel/${SVENSSON}`,
    status: [ANON, OK, OK, OK, OK],
    openTo: [svensson],
  },
  '/hjalpmedel/[patientId]/bmb': {
    path: `/hjalpmedel/${SVENSSON}/bmb`,
    status: [ANON, OK, OK, OK, OK],
    openTo: [svensson],
  },
  '/individkort': { path: '/individkort?individ=170098', status: [ANON, OK, OK, OK, OK] },
  '/kvittera-bmb': { path: '/kvittera-bmb', status: [ANON, OK, OK, OK, OK] },
  '/kvittera-bmb/kontaktkort/[prescriberId]': {
    path: `/kvittera-bmb/kontaktkort/${demoId('prescriber', 'k400eva')}`,
    status: [ANON, OK, OK, OK, NO],
  },
  '/skickade-bmb': { path: '/skickade-bmb', status: [ANON, OK, OK, OK, OK] },
  '/dina-uppgifter': { path: '/dina-uppgifter', status: [ANON, OK, OK, OK, OK] },
  '/hjalp': { path: '/hjalp', status: [ANON, OK, OK, OK, OK] },
  '/ovningslage': { path: '/ovningslage', status: [ANON, OK, OK, OK, OK] },
  '/admin': {
    path: '/admin',
    status: [ANON, NO, NO, OK, NO],
    ownText: ['Skickade BMB per vecka', 'Misstänkt sökmönster'],
  },
  '/admin/lasta-bmb': {
    path: '/admin/lasta-bmb',
    status: [ANON, NO, NO, OK, NO],
    ownText: ['Alla låsta BMB', 'Begärd upplåsning'],
  },
  '/admin/logg': {
    path: '/admin/logg',
    status: [ANON, NO, NO, OK, NO],
    ownText: ['Åtkomst till patientuppgifter'],
  },
  '/admin/ovningar': {
    path: '/admin/ovningar',
    status: [ANON, NO, NO, OK, NO],
    ownText: ['Genomförda övningar'],
  },
  '/admin/konton': {
    path: '/admin/konton',
    status: [ANON, NO, NO, OK, NO],
    ownText: ['Inaktiverade konton'],
  },
  '/admin/webhooks': {
    path: '/admin/webhooks',
    status: [ANON, NO, NO, OK, NO],
    ownText: ['Misslyckade leveranser', 'Registrera webhook'],
  },
  '/kvittera-bmb/[bmbId]': {
    path: `/kvittera-bmb/${bmbId(WAITING.key)}`,
    status: [ANON, OK, NO, NO, NO],
    ownText: [WAITING.message],
  },
  '/skickade-bmb/[bmbId]': {
    path: `/skickade-bmb/${bmbId(LOCKED.key)}`,
    status: [ANON, OK, NO, OK, NO],
    ownText: [LOCKED.message],
  },
  '/avsluta': { path: '/avsluta', status: [null, null, null, null, null] },
  '/ingen-behorighet': { path: '/ingen-behorighet', status: [OK, OK, OK, OK, OK] },
  '/logga-in': { path: '/logga-in', status: [OK, 307, 307, 307, 307] },
  '/tillganglighet': { path: '/tillganglighet', status: [OK, OK, OK, OK, OK] },
  '/_not-found': { path: '/finns-inte', status: [NO, NO, NO, NO, NO] },
  // Next's own page for an error in the root layout; asked for by name it must hold nothing either.
  '/_global-error': { path: '/_global-error', status: [null, null, null, null, null] },
};

const MANIFEST = fileURLToPath(
  new URL('../../../apps/web/.next/app-path-routes-manifest.json', import.meta.url),
);

/** The page routes of the build: "/(app)/hjalpmedel/[patientId]/page" → "/hjalpmedel/[patientId]". */
function builtPages(): string[] {
  const entries = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, string>;
  return Object.entries(entries)
    .filter(([entry]) => entry.endsWith('/page'))
    .map(([, path]) => path)
    .sort();
}

/** Who a reader may see without a lookup: the leak scan's oracle (seed only: this runs first). */
function entitled(reader: Reader): Set<string> {
  const people =
    reader === 'anonymous'
      ? []
      : reader === 'admin'
        ? productionPatients
        : reader === 'learner'
          ? trainingPatients
          : seedEntitlement(USERNAME[reader]);
  return new Set(people.map((p) => p.personnummer));
}

const matchers = [...everyone, nobody].map(matcherFor);

function leaks(body: string, reader: Reader, page: PageCase): string[] {
  const text = exampleCopy.reduce((t, copy) => t.replaceAll(copy, ''), body);
  const may = entitled(reader);
  if (reader !== 'anonymous' && reader !== 'learner')
    for (const p of page.openTo ?? []) may.add(p.personnummer);
  return matchers
    .filter((m) => !may.has(m.person.personnummer) && exposure(m, text).length > 0)
    .map((m) => m.person.name);
}

const statusOk = (expected: Status, actual: number) =>
  expected === null || (Array.isArray(expected) ? expected.includes(actual) : expected === actual);

test.describe.configure({ mode: 'serial' });

test.describe('page × reader matrix (issue 15, item 2)', () => {
  const contexts = new Map<Reader, APIRequestContext>();

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(120_000);
    const make = (storageState?: string | Awaited<ReturnType<APIRequestContext['storageState']>>) =>
      request.newContext({ baseURL: WEB_URL, storageState, maxRedirects: 0 });
    contexts.set('anonymous', await make());
    contexts.set('party', await make(storageStateOf('k100ana')));
    contexts.set('nonParty', await make(storageStateOf('k200bo')));
    contexts.set('admin', await make(storageStateOf('admin')));
    // The learner: k300ny in a sandbox of their own, in a session of their own.
    const { context } = await learnerInSandbox(browser);
    contexts.set('learner', await make(await context.storageState()));
    await context.close();
  });

  test.afterAll(async () => {
    for (const c of contexts.values()) await c.dispose();
  });

  test('the table covers every page the build serves', () => {
    expect(existsSync(MANIFEST), `${MANIFEST}: build the app first`).toBe(true);
    expect(builtPages()).toEqual(Object.keys(PAGES).sort());
  });

  test('no page shows a patient its reader may not see, as HTML or as RSC', async () => {
    test.setTimeout(240_000);
    const problems: string[] = [];
    let requests = 0;
    let bytes = 0;
    for (const [route, page] of Object.entries(PAGES)) {
      for (const [i, reader] of READERS.entries()) {
        for (const variant of ['html', 'rsc'] as const) {
          const headers: Record<string, string> = {
            'sec-fetch-site': 'same-origin',
            'sec-fetch-mode': 'navigate',
          };
          if (variant === 'rsc') headers.RSC = '1';
          // Next answers an RSC request without its cache-busting `_rsc` parameter with a redirect to
          // one; with no router headers the parameter's value is empty.
          const url =
            variant === 'rsc'
              ? `${page.path}${page.path.includes('?') ? '&' : '?'}_rsc=`
              : page.path;
          const response = await contexts.get(reader)!.get(url, { headers });
          const body = await response.text();
          requests++;
          bytes += body.length;
          const label = `${route} as ${reader} (${variant}) → ${response.status()}`;
          const expected = page.status[i]!;
          // An RSC answer is 200 whatever the page decided: the redirect or 404 is inside the payload.
          if (variant === 'html' && !statusOk(expected, response.status()))
            problems.push(`${label}: expected ${JSON.stringify(expected)}`);
          if (expected !== OK && expected !== null) {
            const own = (page.ownText ?? []).filter((t) => body.includes(t));
            if (own.length)
              problems.push(`${label}: carries the page's own content (${own.join(', ')})`);
          }
          const shown = leaks(body, reader, page);
          if (shown.length) problems.push(`${label}: shows ${shown.join(', ')}`);
        }
      }
    }
    const line = `page matrix: ${Object.keys(PAGES).length} pages × ${READERS.length} readers × HTML/RSC = ${requests} requests (${Math.round(bytes / 1024)} KiB); problems ${problems.length}`;
    test.info().annotations.push({ type: 'page-matrix', description: line });
    console.log(line);
    expect(problems).toEqual([]);
  });
});
