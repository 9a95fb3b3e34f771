import type { Page, Response } from '@playwright/test';

/**
 * Everything the browser asked for and everything readable it got back, each
 * response tagged with the step of the crawl that was under way when its
 * request left.
 *
 * Documents are read through Playwright's response events. What the app
 * fetches itself (RSC navigations and prefetches, server action answers, JSON)
 * is read inside the page, by a copy of each response taken in a wrapper
 * around `fetch`: Chromium often drops a streamed body before the DevTools
 * protocol can hand it over ("No data found for resource"), and those are the
 * bodies that matter most.
 */
export type BodyKind = 'html' | 'rsc' | 'action' | 'json' | 'text';

export interface Captured {
  url: string;
  method: string;
  status: number;
  kind: BodyKind;
  /** An RSC prefetch (the router fetching ahead for a link in view). */
  prefetch: boolean;
  /** The crawl step: "browse", "individkort", or "search:<personnummer>". */
  context: string;
  body: string;
}

interface FetchReport {
  url: string;
  method: string;
  status: number;
  contentType: string;
  action: boolean;
  prefetch: boolean;
  startedAt: number;
  body: string;
}

function kindOf(contentType: string, action: boolean): BodyKind | null {
  if (action) return 'action';
  if (contentType.includes('text/x-component')) return 'rsc';
  if (contentType.includes('text/html')) return 'html';
  if (contentType.includes('json')) return 'json';
  if (
    contentType.startsWith('text/') &&
    !contentType.includes('css') &&
    !contentType.includes('javascript')
  )
    return 'text';
  return null;
}

/** Runs in the page before its own scripts. */
function wrapFetch() {
  const w = window as unknown as {
    __leakScanPending: number;
    __leakScanReport(report: unknown): Promise<void>;
    fetch: typeof fetch;
  };
  w.__leakScanPending = 0;
  const original = w.fetch.bind(window);
  w.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const startedAt = Date.now();
    const headers = new Headers(
      init?.headers ?? (input instanceof Request ? input.headers : undefined),
    );
    const method = (
      init?.method ?? (input instanceof Request ? input.method : 'GET')
    ).toUpperCase();
    const response = await original(input, init);
    const contentType = response.headers.get('content-type') ?? '';
    if (/text\/|json/.test(contentType) && !/css|javascript/.test(contentType)) {
      w.__leakScanPending++;
      response
        .clone()
        .text()
        .then((body) =>
          w.__leakScanReport({
            url: response.url,
            method,
            status: response.status,
            contentType,
            action: headers.has('next-action'),
            prefetch: headers.has('next-router-prefetch'),
            startedAt,
            body,
          }),
        )
        .catch(() => {})
        .finally(() => w.__leakScanPending--);
    }
    return response;
  };
}

export class Recorder {
  readonly responses: Captured[] = [];
  /** Every URL the browser requested, whatever it was. */
  readonly requestUrls: string[] = [];
  private readonly timeline: { at: number; context: string }[] = [{ at: 0, context: 'browse' }];
  private readonly pending: Promise<void>[] = [];
  private page: Page | null = null;

  constructor(private readonly origin: string) {}

  get context(): string {
    return this.timeline.at(-1)!.context;
  }

  set context(context: string) {
    this.timeline.push({ at: Date.now(), context });
  }

  private contextAt(at: number): string {
    let context = this.timeline[0]!.context;
    for (const entry of this.timeline) if (entry.at <= at) context = entry.context;
    return context;
  }

  async attach(page: Page): Promise<void> {
    this.page = page;
    await page.exposeBinding('__leakScanReport', (_source, report: FetchReport) => {
      if (!report.url.startsWith(this.origin)) return;
      const kind = kindOf(report.contentType, report.action);
      if (!kind) return;
      this.responses.push({
        url: report.url,
        method: report.method,
        status: report.status,
        kind,
        prefetch: report.prefetch,
        context: this.contextAt(report.startedAt),
        body: report.body,
      });
    });
    await page.addInitScript(wrapFetch);
    page.on('request', (request) => {
      this.requestUrls.push(request.url());
    });
    page.on('response', (response) => {
      // The app's own fetches are reported from inside the page.
      if (response.request().resourceType() === 'fetch') return;
      this.pending.push(this.capture(response, this.context));
    });
  }

  private async capture(response: Response, context: string): Promise<void> {
    if (!response.url().startsWith(this.origin)) return;
    const kind = kindOf(response.headers()['content-type'] ?? '', false);
    if (!kind) return;
    // Redirects have no body.
    const body = await response.text().catch(() => null);
    if (body === null) return;
    const request = response.request();
    this.responses.push({
      url: response.url(),
      method: request.method(),
      status: response.status(),
      kind,
      prefetch: false,
      context,
      body,
    });
  }

  /** Waits until every response seen so far has been read; call before navigating away. */
  async flush(): Promise<void> {
    if (this.page && !this.page.isClosed()) {
      await this.page
        .waitForFunction(
          () => (window as unknown as { __leakScanPending?: number }).__leakScanPending === 0,
          undefined,
          {
            timeout: 10_000,
          },
        )
        .catch(() => {});
    }
    while (this.pending.length) await Promise.all(this.pending.splice(0));
  }

  counts(): Record<BodyKind, number> {
    const counts: Record<BodyKind, number> = { html: 0, rsc: 0, action: 0, json: 0, text: 0 };
    for (const r of this.responses) counts[r.kind]++;
    return counts;
  }
}
