import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The production build's list of App Router entries (next build writes it). */
export const ROUTES_MANIFEST = fileURLToPath(
  new URL('../../apps/web/.next/app-path-routes-manifest.json', import.meta.url),
);

/**
 * The page routes of the build: "/(app)/hjalpmedel/[patientId]/page" →
 * "/hjalpmedel/[patientId]". A spec that keeps a table of pages compares it
 * with this list, so a new page it lacks fails the spec.
 */
export function builtPages(): string[] {
  const entries = JSON.parse(readFileSync(ROUTES_MANIFEST, 'utf8')) as Record<string, string>;
  return Object.entries(entries)
    .filter(([entry]) => entry.endsWith('/page'))
    .map(([, path]) => path)
    .sort();
}
