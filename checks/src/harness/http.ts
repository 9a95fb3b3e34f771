/**
 * A user's browser, as far as the checks need one: a cookie jar, pages, and
 * server actions posted the way React's client posts them (recorded from
 * Chromium: `Next-Action: <id>`, `Origin`, multipart body with the form's
 * fields as `_1_<name>` and `0` = `[previousState, "$K1"]`).
 */

export class CookieJar {
  private cookies = new Map<string, string>();

  /** Cookies ignore ports, so one jar serves the app instances and the IdP on localhost, as in a browser. */
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attributes.some((a) => {
        const [k, v] = a.split('=').map((s) => s.trim());
        if (k?.toLowerCase() === 'max-age') return Number(v) <= 0;
        if (k?.toLowerCase() === 'expires') return new Date(v!).getTime() < Date.now();
        return false;
      });
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  clone(): CookieJar {
    const copy = new CookieJar();
    copy.cookies = new Map(this.cookies);
    return copy;
  }
}

export type Outcome =
  | { kind: 'redirect'; to: string; status: number; ms: number; body?: string }
  /** The action returned a state (a refusal, or `sent: true` from Verkställ, which answers with its page again). */
  | { kind: 'returned'; status: number; failureCode: string | null; message: string | null; sent: boolean; ms: number }
  /** A 5xx, or a response that is not what an action answers. */
  | { kind: 'error'; status: number; ms: number; detail: string }
  /** No response: connection refused or reset. */
  | { kind: 'network'; ms: number; detail: string }
  /** No response within the time limit. */
  | { kind: 'timeout'; ms: number };

export interface Page {
  status: number;
  html: string;
  ms: number;
  location: string | null;
}

export const REQUEST_TIMEOUT_MS = 30_000;

function networkOutcome(error: unknown, began: number): Outcome {
  const ms = performance.now() - began;
  const name = (error as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'timeout', ms };
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return { kind: 'network', ms, detail: cause?.code ?? cause?.message ?? String(error) };
}

export class Browser {
  constructor(
    public base: string,
    public jar = new CookieJar(),
  ) {}

  /** The same person (cookies) talking to another instance. */
  at(base: string): Browser {
    return new Browser(base, this.jar);
  }

  async fetch(url: string, init: RequestInit = {}, timeoutMs = REQUEST_TIMEOUT_MS): Promise<Response> {
    const headers = new Headers(init.headers);
    // A person clicking inside BMB: pages with patient data opened from elsewhere only ask first (issue 15, item 8).
    if (!headers.has('sec-fetch-site')) headers.set('sec-fetch-site', 'same-origin');
    const cookie = this.jar.header();
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    this.jar.store(response);
    return response;
  }

  /** GET a page of the app (no redirects followed). Throws on no response. */
  async page(path: string, timeoutMs = REQUEST_TIMEOUT_MS): Promise<Page> {
    const began = performance.now();
    const response = await this.fetch(`${this.base}${path}`, {}, timeoutMs);
    const html = await response.text();
    return { status: response.status, html, ms: performance.now() - began, location: response.headers.get('location') };
  }

  /** Like page(), but network failures and timeouts become outcomes. */
  async tryPage(path: string, timeoutMs = REQUEST_TIMEOUT_MS): Promise<Outcome & { html?: string }> {
    const began = performance.now();
    try {
      const page = await this.page(path, timeoutMs);
      if (page.status >= 500) return { kind: 'error', status: page.status, ms: page.ms, detail: 'page' };
      if (page.status >= 300 && page.status < 400) return { kind: 'redirect', to: page.location ?? '', status: page.status, ms: page.ms };
      if (page.status >= 400) return { kind: 'error', status: page.status, ms: page.ms, detail: 'page' };
      return { kind: 'returned', status: page.status, failureCode: null, message: null, sent: false, ms: page.ms, html: page.html };
    } catch (error) {
      return networkOutcome(error, began);
    }
  }

  /**
   * Posts a server action from `pagePath`, as the page's form does with
   * JavaScript on. `fields` are the form's fields in order.
   */
  async action(
    pagePath: string,
    actionId: string,
    fields: [string, string][],
    previousState: unknown,
    timeoutMs = REQUEST_TIMEOUT_MS,
  ): Promise<Outcome> {
    const body = new FormData();
    for (const [name, value] of fields) body.append(`_1_${name}`, value);
    body.append('0', JSON.stringify([previousState, '$K1']));
    const began = performance.now();
    try {
      const response = await this.fetch(
        `${this.base}${pagePath}`,
        { method: 'POST', body, headers: { 'next-action': actionId, origin: this.base, accept: 'text/x-component' } },
        timeoutMs,
      );
      const text = await response.text();
      const ms = performance.now() - began;
      const redirect = response.headers.get('x-action-redirect');
      // The body is the RSC payload of the page redirected to, as the browser renders it.
      if (redirect) return { kind: 'redirect', to: redirect.replace(/;(push|replace)$/, ''), status: response.status, ms, body: text };
      if (response.status !== 200 || !response.headers.get('content-type')?.includes('text/x-component')) {
        return { kind: 'error', status: response.status, ms, detail: text.slice(0, 200) };
      }
      const failure = text.match(/"failure":\{"ok":false,"code":"([a-z-]+)","message":"((?:[^"\\]|\\.)*)"/);
      return {
        kind: 'returned',
        status: response.status,
        failureCode: failure?.[1] ?? null,
        message: failure ? (JSON.parse(`"${failure[2]}"`) as string) : null,
        sent: !failure && /"sent":true/.test(text),
        ms,
      };
    } catch (error) {
      return networkOutcome(error, began);
    }
  }
}

/** An attribute value in server-rendered HTML (React escapes &, <, >, "). */
export function unescapeHtml(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export function hiddenInput(html: string, name: string): string | null {
  const match = html.match(new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`)) ?? html.match(new RegExp(`<input[^>]*value="([^"]*)"[^>]*name="${name}"`));
  return match ? unescapeHtml(match[1]!) : null;
}

export function optionValues(html: string, selectName: string): string[] {
  const select = html.match(new RegExp(`<select[^>]*name="${selectName}"[^>]*>([\\s\\S]*?)</select>`));
  if (!select) return [];
  return [...select[1]!.matchAll(/<option[^>]*value="([^"]*)"/g)].map((m) => unescapeHtml(m[1]!));
}

/**
 * Logs in as a person does: BMB's Logga in (a server action that sends the
 * browser to the IdP), the IdP's login form, and back through Auth.js's
 * callback, which creates the database session and sets the session cookie.
 */
export async function logIn(
  browser: Browser,
  signInActionId: string,
  username: string,
  options: { password?: string; callbackBase?: string } = {},
): Promise<void> {
  const password = options.password ?? 'demo';
  const started = await browser.fetch(`${browser.base}/logga-in`, {
    method: 'POST',
    body: '[]',
    headers: { 'next-action': signInActionId, origin: browser.base, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component' },
  });
  await started.arrayBuffer();
  const authorize = started.headers.get('x-action-redirect')?.replace(/;(push|replace)$/, '');
  if (!authorize) throw new Error(`Logga in did not redirect to the IdP (HTTP ${started.status})`);

  // The IdP: authorization request → its login page.
  let url = authorize;
  let response = await browser.fetch(url);
  for (let hops = 0; response.status >= 300 && response.status < 400 && hops < 10; hops++) {
    await response.arrayBuffer();
    url = new URL(response.headers.get('location')!, url).href;
    response = await browser.fetch(url);
  }
  const form = await response.text();
  const action = form.match(/<form method="post" action="([^"]+)"/)?.[1];
  if (!action) throw new Error(`The IdP did not show its login form (HTTP ${response.status} at ${url})`);
  const idpOrigin = new URL(url).origin;
  url = new URL(unescapeHtml(action), idpOrigin).href;
  response = await browser.fetch(url, {
    method: 'POST',
    body: new URLSearchParams({ username, password }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: idpOrigin },
  });
  // Back through the IdP's resume step to BMB's callback, which ends at /hjalpmedel.
  for (let hops = 0; response.status >= 300 && response.status < 400 && hops < 10; hops++) {
    await response.arrayBuffer();
    url = new URL(response.headers.get('location')!, url).href;
    // Another instance behind the same public URL may receive the callback (no sticky sessions).
    if (options.callbackBase && new URL(url).pathname.startsWith('/api/auth/callback/')) {
      url = `${options.callbackBase}${new URL(url).pathname}${new URL(url).search}`;
    }
    if (new URL(url).pathname === '/hjalpmedel') break;
    response = await browser.fetch(url);
  }
  if (new URL(url).pathname !== '/hjalpmedel') {
    throw new Error(`Login of ${username} did not end at /hjalpmedel but at ${url} (HTTP ${response.status})`);
  }
  if (!browser.jar.get('bmb.session')) throw new Error(`Login of ${username} set no session cookie`);
}
