import { randomUUID } from 'node:crypto';
import { auditEvents } from '@bmb/db/schema';
import { demoId } from '@bmb/db/seed';
import {
  bmbDraftSchema,
  contactDetailsSchema,
  isTrainingScenarioKey,
  patientSearchSchema,
} from '@bmb/domain';
import { testDbKinds } from '@bmb/db/testing';
import { desc, gt, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualLoan, svensson } from '../bmb-fixtures';
import { actionInventory, actionKey, loadAction } from '../build-inventory';
import { settle } from '../forms';
import { testSession as session } from '../session';
import { rowsOf } from '../table-checksums';
import { createWorld, type World } from '../world';

/**
 * Issue 10, item 9: every server action's input, fuzzed. Each action gets
 * FUZZ_RUNS (default 1,000) generated calls as the user the action is meant
 * for: FormData with random and hostile field names (__proto__, constructor),
 * 100 kB strings, RTL/zero-width/emoji/lone surrogates/NUL, numbers and files
 * where text is expected, repeated and missing fields, well-formed uuids of rows
 * that do not exist, and a hostile previous state (a server action's first
 * argument comes from the client too).
 *
 * What must hold for every call:
 * - nothing is thrown except Next's redirect (a throw is a 500 for the user);
 * - a refusal is a closed failure with a Swedish message (no zod or JS text);
 * - a refused call writes nothing. "Nothing" = every table's checksum is the
 *   same, except audit_events, which may gain `action.denied` rows only (a
 *   well-formed id of a BMB the user cannot see is a denial, and is logged),
 *   and `training.limit-reached` once Övningsläge's cap on starts is reached,
 *   `rate-limit.reached` once the patient lookup limit is (rate_limit_counters
 *   counts lookups and refusals, so it is left out of the checksums).
 *   None of the users here is in training, so training_runs (the learner's
 *   mistake notes) must not change either.
 * - an accepted call is one the action's own rules admit (e.g. an empty contact
 *   card, a log search, leaving training): it may write, and is counted.
 *
 * Checksums are compared after every 50 refused calls and after each accepted
 * one, so a write is pinned to at most 50 payloads (listed on failure).
 *
 * FUZZ_SEED=<n> repeats a run (the seed is printed); FUZZ_RUNS=<n> changes the count.
 */

/** What a refused call may write (see above). */
const REFUSAL_EVENTS = new Set(['action.denied', 'training.limit-reached', 'rate-limit.reached']);

const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const BATCH = 50;

type Fields = Record<string, string | string[]>;
interface FuzzSpec {
  /** The user the action is meant for. */
  user: string;
  /** Well-formed values to start from; each payload changes, drops or adds fields. */
  base: () => Fields;
  /** Payloads of these actions may be valid; of the others, an accepted one fails the test. */
  mayAccept?: boolean;
  /** An accepted payload may write (its own, valid change): such calls are checked one by one. */
  acceptedWrites?: boolean;
  /**
   * Whether this form could be accepted with a write, read the way the action
   * reads it (a superset: false means it cannot). Only those calls are checked
   * one by one; the rest in batches. Without it, every call is.
   */
  mayWrite?: (form: FormData) => boolean;
}

const field = (form: FormData, name: string, max = 1100) =>
  String(form.get(name) ?? '').slice(0, max);

const uuid = () => randomUUID();
const FUZZ: Record<string, FuzzSpec> = {
  'app/(app)/hjalpmedel/actions.ts#searchPatient': {
    user: 'k100ana',
    base: () => ({ personnummer: '19121212-1213' }),
    // '191212121212' is among the generated texts: a real patient, found and logged.
    mayAccept: true,
    acceptedWrites: true,
    mayWrite: (f) =>
      patientSearchSchema.safeParse({ personnummer: field(f, 'personnummer', 40) }).success,
  },
  'app/(app)/hjalpmedel/[patientId]/bmb/actions.ts#saveBmbDraft': {
    user: 'k100ana',
    // A valid new draft (the manual's example): a payload that changes only the
    // message or adds stray fields reaches the database with its hostile text.
    base: () => ({
      bmbId: '',
      fromPatientId: svensson.id,
      newPrescriberUsername: 'k200bo',
      newPatientPersonnummer: svensson.personnummer,
      loanIds: [manualLoan(3)],
      message: 'Skickar BMB.',
    }),
    mayAccept: true,
    acceptedWrites: true,
    mayWrite: (f) =>
      bmbDraftSchema.safeParse({
        bmbId: field(f, 'bmbId', 64) || undefined,
        fromPatientId: field(f, 'fromPatientId', 64),
        newPrescriberUsername: field(f, 'newPrescriberUsername', 100),
        newPatientPersonnummer: field(f, 'newPatientPersonnummer', 40),
        loanIds: f.getAll('loanIds').slice(0, 500).map(String),
        message: field(f, 'message'),
        needsAssessmentConfirmed: f.get('needsAssessmentConfirmed') === 'on',
        deviceSafeConfirmed: f.get('deviceSafeConfirmed') === 'on',
      }).success,
  },
  'app/(app)/skickade-bmb/actions.ts#sendBmb': {
    user: 'k100ana',
    base: () => ({ bmbId: uuid(), idempotencyKey: uuid() }),
  },
  'app/(app)/skickade-bmb/actions.ts#discardBmbDraft': {
    user: 'k100ana',
    base: () => ({ bmbId: uuid() }),
  },
  'app/(app)/skickade-bmb/actions.ts#requestUnlock': {
    user: 'k100ana',
    base: () => ({ bmbId: uuid(), message: 'Snälla.' }),
  },
  'app/(app)/kvittera-bmb/actions.ts#answerBmb': {
    user: 'k200bo',
    base: () => ({
      bmbId: uuid(),
      approved: 'ja',
      deliveryAddressId: demoId('care-unit', '5210'),
      payerId: demoId('care-unit', '5210'),
      message: '',
    }),
  },
  'app/(app)/kvittera-bmb/actions.ts#markMessageRead': {
    user: 'k100ana',
    // A well-formed id of no message of k100ana's: not found (and logged), never marked.
    base: () => ({ kind: 'rejected', id: uuid() }),
  },
  'app/(app)/admin/lasta-bmb/actions.ts#unlockBmbs': {
    user: 'admin',
    base: () => ({ bmbIds: [uuid()], reason: 'Enligt samtal.' }),
  },
  'app/(app)/admin/lasta-bmb/actions.ts#answerUnlockRequest': {
    user: 'admin',
    base: () => ({ requestId: uuid(), decision: 'unlock', message: 'Enligt samtal.' }),
  },
  'app/(app)/admin/webhooks/actions.ts#createWebhook': {
    user: 'admin',
    base: () => ({
      url: 'https://lager.region.example/bmb',
      eventTypes: ['bmb.accepted', 'bmb.line-closed'],
      description: 'Lagersystemet',
    }),
    // A well-formed address registers an endpoint (outside production any https address is allowed).
    mayAccept: true,
    acceptedWrites: true,
  },
  'app/(app)/admin/webhooks/actions.ts#disableWebhook': {
    user: 'admin',
    base: () => ({ webhookId: uuid() }),
  },
  'app/(app)/admin/webhooks/actions.ts#resendDelivery': {
    user: 'admin',
    base: () => ({ deliveryId: uuid() }),
  },
  'app/(app)/admin/logg/actions.ts#searchLog': {
    user: 'admin',
    base: () => ({
      kind: 'audit',
      personnummer: '',
      username: 'k100ana',
      action: 'bmb.sent',
      from: '2026-01-01',
      to: '',
      more: '1',
    }),
    // A search may match; with a real personnummer it is written to the access log.
    mayAccept: true,
    acceptedWrites: true,
    mayWrite: (f) => field(f, 'personnummer', 100).trim() !== '',
  },
  'app/(app)/dina-uppgifter/actions.ts#saveContactDetails': {
    user: 'k100ana',
    base: () => ({
      phone: '0920-711 00',
      mobile: '',
      fax: '',
      email: 'ana.nordin@region.example',
      remindersEnabled: 'on',
    }),
    // Every field may be empty: many payloads are a valid card of the user's own.
    mayAccept: true,
    acceptedWrites: true,
    mayWrite: (f) =>
      contactDetailsSchema.safeParse({
        ...Object.fromEntries(
          ['phone', 'mobile', 'fax', 'email'].map((n) => [n, field(f, n, 300)]),
        ),
        remindersEnabled: f.get('remindersEnabled') === 'on',
      }).success,
  },
  'app/(app)/ovningslage/actions.ts#startTraining': {
    user: 'k100ana',
    base: () => ({ scenario: 'skicka-bmb ' }),
    // The scenario keys are among the generated texts: a real run in a new sandbox.
    mayAccept: true,
    acceptedWrites: true,
    mayWrite: (f) => isTrainingScenarioKey(field(f, 'scenario')),
  },
  'app/(app)/ovningslage/actions.ts#continueTraining': {
    user: 'k300ny',
    base: () => ({ runId: uuid() }),
  },
  // These four take no input: whatever is posted, they do what they always do.
  // Accepted, and for a user outside training they write nothing at all.
  'app/(app)/ovningslage/actions.ts#leaveTraining': {
    user: 'k100ana',
    base: () => ({}),
    mayAccept: true,
  },
  'app/(app)/ovningslage/actions.ts#moveTrainingClock': { user: 'k100ana', base: () => ({}) },
  // Nästa: outside Övningsläge always refused, whatever the step.
  'app/(app)/ovningslage/actions.ts#acknowledgeTrainingStep': { user: 'k100ana', base: () => ({ step: '4' }) },
  'app/(app)/individkort/actions.ts#searchIndivid': {
    user: 'k100ana',
    base: () => ({ individ: '170098' }),
    // A well-formed individ number is accepted (a redirect to its card); nothing is written.
    mayAccept: true,
  },
  'app/(app)/admin/ovningar/actions.ts#setTrainingRequirement': {
    user: 'admin',
    base: () => ({ username: 'k100ana', required: 'nej' }),
    // An existing username with ja/nej is a real change (or none); anything else is refused.
    mayAccept: true,
    acceptedWrites: true,
    mayWrite: (f) => ['ja', 'nej'].includes(field(f, 'required')),
  },
  'app/(app)/admin/ovningar/actions.ts#setTrainingReminderDays': {
    user: 'admin',
    base: () => ({ days: '7' }),
    mayAccept: true,
    acceptedWrites: true,
    mayWrite: (f) => /^\s*\d+\s*$/.test(field(f, 'days')),
  },
  'app/(app)/admin/konton/actions.ts#setRegionRules': {
    user: 'admin',
    base: () => ({ months: '12' }),
    // A whole number of months from 1 to 60 is a real setting.
    mayAccept: true,
    acceptedWrites: true,
    mayWrite: (f) => /^\s*\d+\s*$/.test(field(f, 'months')),
  },
  // No account is deactivated in the fuzz world: every username is not found.
  'app/(app)/admin/konton/actions.ts#reactivateAccount': { user: 'admin', base: () => ({ username: 'k200bo' }) },
  'app/(app)/admin/lasta-bmb/actions.ts#searchLockedBmbs': {
    user: 'admin',
    base: () => ({ sok: 'k100ana', begard: '1' }),
    // Any text is a search (kept in a cookie); a personnummer of a patient is looked up and logged.
    mayAccept: true,
    acceptedWrites: true,
    mayWrite: (f) => field(f, 'sok', 64).trim() !== '',
  },
  'components/patient-view/actions.ts#openPatientView': {
    user: 'k100ana',
    base: () => ({ path: `/hjalpmedel/${uuid()}` }),
    // A path of a patient page is accepted (a redirect back to it); nothing is written.
    mayAccept: true,
  },
  'components/shell/session-actions.ts#keepSessionAlive': { user: 'k100ana', base: () => ({}), mayAccept: true },
  'app/logga-in/actions.ts#signInWithSso': { user: 'k100ana', base: () => ({}), mayAccept: true },
  'app/avsluta/actions.ts#signOutEverywhere': {
    user: 'k100ana',
    base: () => ({}),
    mayAccept: true,
  },
};

// ---- generators -------------------------------------------------------------

const HOSTILE_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '$ACTION_ID_x',
  '1_bmbId',
  '',
  ' ',
  'bmbId[]',
];
const SPECIAL_TEXT = [
  '\u202Eevil\u202C', // right-to-left override
  '\u200B\u200C\u200D\uFEFF', // zero-width, BOM
  '👩‍⚕️🦽🇸🇪',
  '\uD800', // lone high surrogate
  'a\uDFFFb', // lone low surrogate
  'e\u0301\u0301\u0301',
  'nul\u0000byte',
  '\r\n\t',
  "' or 1=1 --",
  '"; drop table bmbs; --',
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  '%00',
  'null',
  'undefined',
  'NaN',
  'true',
  '[]',
  '{"__proto__":{"polluted":1}}',
  '-1',
  '1e309',
  '0x10',
  '191212121212',
  '19121212-1212',
  '20000230-0000',
  'ja',
  'nej',
  'on',
  'unlock',
  'decline',
  'access',
  'skicka-bmb',
  'kvittera-bmb',
];

const text = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_TEXT) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('x', 'å', '1', '😀', '\u200B')
      .map((c) => c.repeat(100_000 / c.length)),
  },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.bigInt()).map(String) },
  { weight: 2, arbitrary: fc.uuid() },
  {
    weight: 1,
    arbitrary: fc
      .date({ noInvalidDate: false })
      .map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString())),
  },
);
/** FormData holds strings or files: a file where text is expected is the "wrong type" a form can post. */
const value: fc.Arbitrary<string | Blob> = fc.oneof(
  { weight: 9, arbitrary: text },
  {
    weight: 1,
    arbitrary: fc.string({ maxLength: 20 }).map((s) => new Blob([s], { type: 'application/json' })),
  },
);

type Edit =
  { op: 'set' | 'append'; name: string; value: string | Blob } | { op: 'delete'; name: string };

function editsFor(fieldNames: string[]): fc.Arbitrary<Edit[]> {
  const known = fieldNames.length ? fc.constantFrom(...fieldNames) : fc.constant('x');
  const name = fc.oneof(
    { weight: 5, arbitrary: known },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NAMES) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  );
  const edit: fc.Arbitrary<Edit> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ op: fc.constant('set' as const), name, value }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('append' as const), name, value }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), name: known }) },
  );
  return fc.array(edit, { minLength: 1, maxLength: 8 });
}

/** The first argument: a state the client sends back. Mostly plausible, sometimes anything. */
const previousState = fc.oneof(
  { weight: 4, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  {
    weight: 3,
    arbitrary: fc.record({
      values: fc.jsonValue({ maxDepth: 2 }),
      next: fc.oneof(
        fc.constant(undefined),
        fc.record({
          occurredAt: fc.oneof(text, fc.integer(), fc.constant(null)),
          id: fc.oneof(fc.integer(), text, fc.constant(null)),
        }),
        fc.jsonValue({ maxDepth: 2 }),
      ),
      results: fc.oneof(
        fc.constant(undefined),
        fc.record({
          kind: fc.constantFrom('audit', 'access', '__proto__'),
          rows: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(null)),
        }),
      ),
    }),
  },
);

interface Payload {
  previous: unknown;
  edits: Edit[];
  /** Start from the base form (deeper into the action) or from nothing. */
  fromBase: boolean;
}
const payloadFor = (fieldNames: string[]) =>
  fc.record({ previous: previousState, edits: editsFor(fieldNames), fromBase: fc.boolean() });

function formOf(base: Fields, payload: Payload): FormData {
  const data = new FormData();
  if (payload.fromBase) {
    for (const [k, v] of Object.entries(base)) for (const one of [v].flat()) data.append(k, one);
  }
  for (const e of payload.edits) {
    if (e.op === 'delete') data.delete(e.name);
    else if (e.op === 'set') data.set(e.name, e.value);
    else data.append(e.name, e.value);
  }
  return data;
}

const describePayload = (p: Payload) =>
  JSON.stringify(p, (_k, v: unknown) =>
    v instanceof Blob
      ? `[Blob ${v.size}]`
      : typeof v === 'string' && v.length > 80
        ? `${v.slice(0, 20)}…(${v.length})`
        : typeof v === 'bigint'
          ? `${v}n`
          : v,
  );

// ---- the check ---------------------------------------------------------------

/** Texts that give away a raw error or an English validation message. */
const NOT_SWEDISH =
  /\b(invalid|expected|received|required|undefined|null|NaN|error|exception|TypeError|Zod|object|string|number)\b|\bat .*\(/i;

function messagesOf(failure: {
  message?: unknown;
  fieldErrors?: Record<string, string[]>;
}): string[] {
  return [String(failure.message ?? ''), ...Object.values(failure.fieldErrors ?? {}).flat()];
}

/**
 * Every table's content as one number per table, in one query (the fuzz takes
 * thousands): the row count and the sum of each row's hash, which needs no sort.
 * audit_events is checked apart.
 */
async function checksums(world: World): Promise<Record<string, string>> {
  const tables = rowsOf<{ name: string }>(
    await world.db.execute(
      sql`select tablename as name from pg_tables where schemaname = 'public' and tablename not in ('audit_events', 'rate_limit_counters') order by 1`,
    ),
  ).map((r) => r.name);
  const columns = tables.map(
    (t) =>
      sql`(select count(*) || ':' || coalesce(sum(hashtext(x::text)::bigint), 0) from ${sql.identifier(t)} x) as ${sql.identifier(t)}`,
  );
  return rowsOf<Record<string, string>>(
    await world.db.execute(sql`select ${sql.join(columns, sql`, `)}`),
  )[0]!;
}

const inventory = await actionInventory();
const results: string[] = [];

describe.each(testDbKinds())('fuzzing every server action on %s', (kind) => {
  let world: World;
  let started = 0;
  beforeAll(async () => {
    started = Date.now();
    world = await createWorld(kind);
    session.world = world;
    console.info(
      `fuzz: seed ${SEED} (FUZZ_SEED=${SEED} repeats it), ${RUNS} payloads per action, ${inventory.actions.length} actions from the ${inventory.from}`,
    );
  });
  afterAll(async () => {
    await world?.handle.close();
    console.info(
      `fuzz on ${kind}: ${((Date.now() - started) / 1000).toFixed(1)} s\n${results.splice(0).join('\n')}`,
    );
  });

  it('has a fuzz spec for every action', () => {
    expect(inventory.actions.map(actionKey).filter((k) => !(k in FUZZ))).toEqual([]);
  });

  inventory.actions.forEach((action, index) => {
    const key = actionKey(action);
    const spec = FUZZ[key];
    it(
      `${key}: ${RUNS} payloads, no error, no write from a refused one`,
      { timeout: 300_000 },
      async () => {
        if (!spec) throw new Error(`no fuzz spec for ${key}`);
        const fn = await loadAction(action);
        session.world = world;
        session.user = await world.userFor(spec.user);
        const base = spec.base();
        // First every special text in every field of the base form, one at a time (the
        // deepest payloads, which random edits rarely keep valid enough to reach), then RUNS random ones.
        const systematic: Payload[] = Object.keys(base).flatMap((name) =>
          SPECIAL_TEXT.map((text) => ({
            previous: undefined,
            fromBase: true,
            edits: [{ op: 'set' as const, name, value: text }],
          })),
        );
        const payloads = [
          ...systematic,
          ...fc.sample(payloadFor(Object.keys(base)), { seed: SEED + index, numRuns: RUNS }),
        ];
        const t0 = Date.now();

        const lastAudit = async () =>
          (
            await world.db
              .select({ id: auditEvents.id })
              .from(auditEvents)
              .orderBy(desc(auditEvents.id))
              .limit(1)
          )[0]?.id ?? 0;
        let before = { sums: await checksums(world), lastAudit: await lastAudit() };
        let pending: Payload[] = [];
        let denials = 0;
        /** The calls since the last check wrote nothing but action.denied. */
        const verifyNoWrites = async () => {
          if (pending.length === 0) return;
          const culprits = () =>
            `one of these ${pending.length} payloads (seed ${SEED}):\n${pending.map(describePayload).join('\n')}`;
          expect(
            await checksums(world),
            `${key}: a payload that may not write wrote; ${culprits()}`,
          ).toEqual(before.sums);
          const written = await world.db
            .select()
            .from(auditEvents)
            .where(gt(auditEvents.id, before.lastAudit));
          const other = written.filter((e) => !REFUSAL_EVENTS.has(e.action));
          expect(
            other.map((e) => e.action),
            `${key}: audit events from refused payloads; ${culprits()}`,
          ).toEqual([]);
          denials += written.length;
          before = { sums: before.sums, lastAudit: written.at(-1)?.id ?? before.lastAudit };
          pending = [];
        };

        let accepted = 0;
        let refused = 0;
        for (const payload of payloads) {
          const form = formOf(base, payload);
          const oneByOne = !!spec.acceptedWrites && (spec.mayWrite?.(form) ?? true);
          // What came before must not be mixed up with what this call may rightly write.
          if (oneByOne) await verifyNoWrites();
          let outcome;
          try {
            outcome = await settle(() => fn(payload.previous, form));
          } catch (error) {
            throw new Error(
              `${key} threw ${String(error)} for ${describePayload(payload)} (seed ${SEED})`,
              {
                cause: error,
              },
            );
          }
          const returned =
            'returned' in outcome
              ? (outcome.returned as Record<string, unknown> | undefined)
              : undefined;
          const done = returned?.done as { unlocked?: number; refused?: string[] } | undefined;
          // Lås upp reports per BMB: none unlocked is a refusal, with the reasons.
          const failure = (returned?.failure ??
            (done?.unlocked === 0
              ? { ok: false, code: 'refused', message: done.refused?.join(' ') ?? '' }
              : undefined)) as
            | { ok: false; code: string; message: string; fieldErrors?: Record<string, string[]> }
            | undefined;
          if (failure) {
            refused++;
            expect(failure.ok, key).toBe(false);
            for (const message of messagesOf(failure)) {
              expect(message, `${key}: message for ${describePayload(payload)}`).toMatch(/\p{L}/u);
              expect(
                message,
                `${key}: not a Swedish message, for ${describePayload(payload)}`,
              ).not.toMatch(NOT_SWEDISH);
            }
          } else {
            accepted++;
            if (!spec.mayAccept) {
              throw new Error(
                `${key} accepted ${describePayload(payload)} → ${JSON.stringify(outcome).slice(0, 300)}`,
              );
            }
          }
          if (!failure && oneByOne) {
            // A valid payload's change is its own.
            before = { sums: await checksums(world), lastAudit: await lastAudit() };
            continue;
          }
          // Refused, or accepted by an action (or a form) that cannot write: nothing may change.
          pending.push(payload);
          if (pending.length >= (oneByOne ? 1 : BATCH)) await verifyNoWrites();
        }
        await verifyNoWrites();
        results.push(
          `  ${key}: ${payloads.length} payloads, ${refused} refused, ${accepted} accepted, 0 errors, 0 writes from refused ones (${denials} action.denied), ${((Date.now() - t0) / 1000).toFixed(1)} s`,
        );
        expect(payloads.length).toBeGreaterThanOrEqual(RUNS);
      },
    );
  });
});
