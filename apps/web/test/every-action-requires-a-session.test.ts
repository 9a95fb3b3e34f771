import { testDbKinds } from '@bmb/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceActionFiles, webDir } from './build-inventory';
import { testSession } from './session';
import { tableChecksums } from './table-checksums';
import { createWorld, type World } from './world';

/**
 * Server actions are public POST endpoints. Every one found in the app (not a
 * hand-kept list) is called without a session and must refuse and change
 * nothing. Only starting and ending a login are public.
 */
const PUBLIC_ACTIONS = new Set(['app/logga-in/actions.ts#signInWithSso', 'app/avsluta/actions.ts#signOutEverywhere']);

const actionFiles = sourceActionFiles();
/** Anonymous refusals are counted per source (rate_limit_counters) and written nowhere else: not even the trail. */
const COUNTERS = ['rate_limit_counters'];

describe.each(testDbKinds())('every server action without a session on %s', (kind) => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld(kind);
    testSession.world = world;
    testSession.user = null;
  });
  afterAll(() => world?.handle.close());

  it('finds the actions', () => {
    expect(actionFiles.length).toBeGreaterThanOrEqual(3);
  });

  for (const file of actionFiles) {
    it(`${file}: every protected action refuses and changes nothing`, async () => {
      testSession.world = world;
      testSession.user = null;
      const actionsModule = (await import(/* @vite-ignore */ `${webDir}${file}`)) as Record<string, unknown>;
      const actions = Object.entries(actionsModule).filter(
        ([name, value]) => typeof value === 'function' && !PUBLIC_ACTIONS.has(`${file}#${name}`),
      );
      for (const [name, action] of actions) {
        const sums = await tableChecksums(world.db, COUNTERS);
        const result = await (action as (...args: unknown[]) => Promise<unknown>)(undefined, new FormData());
        expect(JSON.stringify(result), `${file}#${name}`).toContain('"unauthenticated"');
        expect(await tableChecksums(world.db, COUNTERS), `${file}#${name}`).toEqual(sums);
      }
    });
  }
});
