import { existsSync } from 'node:fs';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';

export interface LighthouseScores {
  /** 0–1, as Lighthouse reports them. */
  performance: number;
  accessibility: number;
  /** The metrics behind the performance score (ms; CLS unitless). */
  metrics: Record<string, number>;
  /** Accessibility audits that failed, by id. */
  failedAccessibility: string[];
}

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const METRICS = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'cumulative-layout-shift',
  'speed-index',
];

/**
 * Lighthouse (desktop preset: prescribers work at desktop computers) on pages
 * of the running bench server, logged in: the session cookie goes with every
 * request the page makes. Returns null when no Chromium is installed.
 */
export async function lighthouseScores(
  url: string,
  pages: { name: string; path: string; cookie: string }[],
): Promise<Record<string, LighthouseScores> | null> {
  const chromePath = CHROMIUM.find((p) => existsSync(p));
  if (!chromePath) return null;
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-dev-shm-usage'],
  });
  const scores: Record<string, LighthouseScores> = {};
  try {
    for (const page of pages) {
      const result = await lighthouse(
        `${url}${page.path}`,
        {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility'],
          // Chrome may still send its own Sec-Fetch-Site for a typed URL; then the page is the confirmation (docs/performance.md).
          extraHeaders: { Cookie: page.cookie, 'Sec-Fetch-Site': 'same-origin' },
        },
        desktopConfig,
      );
      if (!result) throw new Error(`Lighthouse gave no result for ${page.path}`);
      const { categories, audits } = result.lhr;
      const accessibilityIds = (categories.accessibility?.auditRefs ?? []).map((r) => r.id);
      scores[page.name] = {
        performance: categories.performance?.score ?? 0,
        accessibility: categories.accessibility?.score ?? 0,
        metrics: Object.fromEntries(METRICS.map((id) => [id, audits[id]?.numericValue ?? NaN])),
        failedAccessibility: accessibilityIds.filter((id) => audits[id]?.score === 0),
      };
    }
  } finally {
    chrome.kill();
  }
  return scores;
}
