import { expect, type Page } from '@playwright/test';
import type { Person } from './patterns';
import { openInApp } from '../users';
import type { Recorder } from './recorder';

/** Called with each page the crawl has loaded. */
export type OnPage = (page: Page) => Promise<void>;

/** Pages the crawl never opens: Auth.js's endpoints, static files, and what is no page at all. */
const SKIP = /^\/(api|_next)\/|\.(svg|png|ico|csv)$/;
const MAX_PAGES = 80;

function sameOriginPath(href: string, origin: string): string | null {
  let url: URL;
  try {
    url = new URL(href, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin || SKIP.test(url.pathname)) return null;
  return `${url.pathname}${url.search}`;
}

/**
 * Follows every same-origin link from `start`, breadth first, at most
 * MAX_PAGES pages, each loaded in full (its HTML carries the RSC payload of
 * the first render too). Returns the pages in the order opened.
 */
export async function crawlLinks(
  page: Page,
  recorder: Recorder,
  origin: string,
  onPage: OnPage,
  start = '/hjalpmedel',
): Promise<string[]> {
  const queue = [start];
  const seen = new Set(queue);
  const opened: string[] = [];
  while (queue.length && opened.length < MAX_PAGES) {
    const path = queue.shift()!;
    recorder.context = 'browse';
    // As a click inside BMB: opened from outside, a patient page only asks first (item 8).
    await openInApp(page, path);
    await page.waitForLoadState('networkidle');
    await onPage(page);
    // Read every body before the next navigation throws it away.
    await recorder.flush();
    opened.push(path);
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href') ?? ''));
    for (const href of hrefs) {
      const next = sameOriginPath(href.split('#')[0]!, origin);
      // A BMB to answer is also a BMB page of its own, which names both parties.
      const answer = next?.match(/^\/kvittera-bmb\/([0-9a-f-]{36})$/);
      for (const path of [next, answer ? `/skickade-bmb/${answer[1]}` : null]) {
        if (path && !seen.has(path)) {
          seen.add(path);
          queue.push(path);
        }
      }
    }
  }
  return opened;
}

/**
 * The RSC payload of each page, asked for as the router asks for it (the `RSC`
 * header; Next adds its cache-busting `_rsc` by a redirect). Without the
 * router's state tree the answer is the whole tree, every segment's data: a
 * superset of what a client navigation gets. (Driving the router itself was
 * tried: about half its navigations end ERR_ABORTED before the body is read.)
 */
export async function fetchRscPayloads(
  page: Page,
  recorder: Recorder,
  paths: string[],
): Promise<number> {
  recorder.context = 'browse';
  await page.goto('/hjalpmedel');
  let fetched = 0;
  for (const path of paths) {
    const status = await page.evaluate(async (to) => {
      const response = await fetch(to, { headers: { RSC: '1' } });
      await response.text();
      return response.headers.get('content-type')?.includes('text/x-component')
        ? response.status
        : -1;
    }, path);
    if (status > 0) fetched++;
  }
  await recorder.flush();
  return fetched;
}

/** Opens pages that no link may lead to (forced browsing): each must say no, or show only what the role may see. */
export async function openDirectly(
  page: Page,
  recorder: Recorder,
  paths: string[],
  context: string,
  onPage: OnPage,
): Promise<void> {
  for (const path of paths) {
    recorder.context = context;
    await openInApp(page, path);
    await onPage(page);
    await recorder.flush();
  }
}

export interface SearchOutcome {
  person: Person;
  found: boolean;
}

/**
 * Hjälpmedel's search for each person, as a user does it (the personnummer is
 * POSTed by the form's server action), then the pages that open from a hit: the
 * BMB link, and "Spara ändringarna" on the untouched form (refused: nothing is
 * saved, but the action answers; for untrained new staff the form is only to read).
 */
export async function searchEach(
  page: Page,
  recorder: Recorder,
  people: Person[],
): Promise<SearchOutcome[]> {
  const outcomes: SearchOutcome[] = [];
  for (const person of people) {
    recorder.context = `search:${person.personnummer}`;
    await page.goto('/hjalpmedel');
    await page.getByLabel('Personnummer').fill(person.personnummer);
    await page.getByRole('button', { name: 'Sök' }).click();
    const hit = page.locator('#patient-heading');
    const miss = page.locator('#personnummer-error').filter({ hasText: 'Ingen patient' });
    await expect(hit.or(miss)).toBeVisible();
    const found = await hit.isVisible();
    outcomes.push({ person, found });
    await recorder.flush();
    if (!found) continue;
    await expect(page).toHaveURL(/\/hjalpmedel\/[0-9a-f-]{36}$/);
    await page.getByRole('link', { name: 'BMB', exact: true }).click();
    await expect(page).toHaveURL(/\/bmb$/);
    const save = page.getByRole('button', { name: 'Spara ändringarna' });
    if (await save.isDisabled()) {
      // New staff who have not trained see the form only to read (issue 18): nothing to post.
      await expect(page.getByRole('link', { name: 'Gå till Övningsläge' })).toBeVisible();
    } else {
      await save.click();
      await expect(page.getByText('Kontrollera uppgifterna i formuläret.').first()).toBeVisible();
    }
    await recorder.flush();
  }
  return outcomes;
}

/**
 * For BMBs and devices that changed after the seed (an earlier spec in the same
 * run sent or answered a BMB), the seed cannot say who is involved, but the
 * page can: a BMB page names its sender (Från) and receiver
 * (Förskrivare/beställare), an individkort its current holder (Förskrivare).
 * When that is this user, the patients on the page are theirs by the rule.
 * Seeded BMBs are left to the seed. Returns the page's main text when the page
 * names the user so, else null. A page shown to the wrong person still names
 * the right people, so this never excuses a real leak.
 */
export async function partyText(
  page: Page,
  username: string,
  seededBmbIds: ReadonlySet<string>,
): Promise<string | null> {
  const path = new URL(page.url()).pathname;
  const bmb = path.match(/^\/skickade-bmb\/([0-9a-f-]{36})$/);
  const card = path === '/individkort' && (await page.locator('#card-heading').count()) > 0;
  if ((!bmb || seededBmbIds.has(bmb[1]!)) && !card) return null;
  const labels = bmb ? ['Från', 'Förskrivare/beställare'] : ['Förskrivare'];
  const named = await page.$$eval(
    'main dl dt',
    (dts, wanted) =>
      dts
        .filter((dt) => wanted.includes((dt.textContent ?? '').trim()))
        .map((dt) => dt.nextElementSibling?.textContent ?? ''),
    labels,
  );
  return named.some((text) => text.includes(`(${username})`))
    ? page.locator('main').innerText()
    : null;
}
