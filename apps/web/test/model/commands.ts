import { unlockRequests } from '@bmb/db/schema';
import { demoId } from '@bmb/db/seed';
import { and, asc, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { runGroup, type RunContext } from './group';
import { isLocked, LOAN_NOS, UNITS_OF, type BmbState, type Model, type PatientKey, type Username } from './model';
import * as ops from './operations';

/**
 * The commands fast-check strings together: what a person could do next, as
 * data. A command names its target loosely (a `pick` among the BMBs that make
 * sense for it), and is resolved against the model when it runs, so that any
 * sequence, and any shrunk one, means something.
 */

type Other = Username | null;
type Spec =
  | {
      kind: 'save';
      mask: number;
      sender: Other;
      receiver: 0 | 1 | 'self' | 'k500ulf';
      otherPatient: boolean;
      confirmed: boolean;
      /** Verkställ at once, and then perhaps let the week pass unanswered. */
      then: 'stay-draft' | 'send' | 'send-and-lock';
    }
  | { kind: 'send'; pick: number; by: Other }
  | { kind: 'answer'; pick: number; approve: boolean; unit: number; foreign: boolean; withMessage: boolean; by: Other }
  | { kind: 'time'; hours: number | 'until-locked' }
  | { kind: 'request'; pick: number; by: Other }
  | { kind: 'unlock'; pick: number; by: Username }
  | { kind: 'answer-request'; pick: number; by: Username; decision: 'unlock' | 'decline' }
  | { kind: 'training'; pick: number };

const PRESCRIBERS: Username[] = ['k100ana', 'k200bo', 'k400eva'];
const weighted = <T>(...options: [number, fc.Arbitrary<T>][]) =>
  fc.oneof(...options.map(([weight, arbitrary]) => ({ weight, arbitrary })));
const pick = fc.nat({ max: 10_000 });
/** Mostly the person who should act; now and then someone else. */
const by = weighted<Other>([5, fc.constant(null)], [1, fc.constantFrom<Username>('k100ana', 'k200bo', 'k400eva', 'admin')]);
const chance = (yes: number, no: number) => weighted([yes, fc.constant(true)], [no, fc.constant(false)]);

const save = fc.record({
  kind: fc.constant('save' as const),
  // One device, two, or all four (bit n-1 is the manual's device n).
  mask: weighted([4, fc.constantFrom(1, 2, 4, 8)], [2, fc.constantFrom(3, 5, 12)], [1, fc.constant(15)]),
  sender: weighted<Other>([6, fc.constant(null)], [1, fc.constantFrom(...PRESCRIBERS)]),
  receiver: weighted<0 | 1 | 'self' | 'k500ulf'>([5, fc.constantFrom(0 as const, 1 as const)], [1, fc.constantFrom('self' as const, 'k500ulf' as const)]),
  otherPatient: chance(1, 4),
  confirmed: chance(9, 1),
  then: weighted([1, fc.constant('stay-draft' as const)], [2, fc.constant('send' as const)], [1, fc.constant('send-and-lock' as const)]),
});
const send = fc.record({ kind: fc.constant('send' as const), pick, by });
const answer = fc.record({
  kind: fc.constant('answer' as const),
  pick,
  approve: fc.boolean(),
  unit: fc.nat({ max: 3 }),
  foreign: chance(1, 8),
  withMessage: chance(8, 1),
  by,
});
/**
 * Multiples of 5 h: never within 2 h of a deadline (see model.ts). 170 h locks
 * whatever was just sent; 'until-locked' jumps just far enough (170 h after its
 * sending) to lock the newest open BMB.
 */
const time = fc.record({
  kind: fc.constant('time' as const),
  hours: weighted<number | 'until-locked'>([3, fc.constantFrom(5, 25, 75, 120)], [1, fc.constant(170)], [2, fc.constant('until-locked')]),
});
const request = fc.record({ kind: fc.constant('request' as const), pick, by });
const unlock = fc.record({
  kind: fc.constant('unlock' as const),
  pick,
  by: weighted<Username>([4, fc.constant('admin')], [2, fc.constant('admin2')], [2, fc.constantFrom(...PRESCRIBERS)]),
});
const answerRequest = fc.record({
  kind: fc.constant('answer-request' as const),
  pick,
  by: weighted<Username>([5, fc.constantFrom('admin', 'admin2')], [1, fc.constant('k100ana')]),
  decision: fc.constantFrom('unlock' as const, 'decline' as const),
});
const training = fc.record({ kind: fc.constant('training' as const), pick });

/** Actions that race: on one focused BMB, with a clock jump or a training run in between. */
const together = fc
  .record({
    focus: pick,
    specs: fc.array(weighted<Spec>([6, send], [8, answer], [4, time], [4, request], [6, unlock], [6, answerRequest], [1, training]), {
      minLength: 2,
      maxLength: 3,
    }),
    delays: fc.array(fc.nat({ max: 2 }), { minLength: 3, maxLength: 3 }),
  })
  .filter(({ specs }) => specs.filter((s) => s.kind === 'time').length <= 1 && specs.filter((s) => s.kind === 'training').length <= 1);

export const bmbCommand = weighted<fc.AsyncCommand<Model, RunContext>>(
  [12, save.map((s) => new Step([s], null))],
  [2, send.map((s) => new Step([s], null))],
  [8, answer.map((s) => new Step([s], null))],
  [6, time.map((s) => new Step([s], null))],
  [6, request.map((s) => new Step([s], null))],
  [6, unlock.map((s) => new Step([s], null))],
  [6, answerRequest.map((s) => new Step([s], null))],
  // Övningsläge is the slowest (a fresh sandbox each time), and its isolation needs no repetition.
  [1, training.map((s) => new Step([s], null))],
  [12, together.map(({ focus, specs, delays }) => new Step(specs, { focus, delays }))],
);

class Step implements fc.AsyncCommand<Model, RunContext> {
  private ran: string[] = [];

  constructor(
    private readonly specs: Spec[],
    private readonly group: { focus: number; delays: number[] } | null,
  ) {}

  check(): boolean {
    return true;
  }

  async run(m: Model, real: RunContext): Promise<void> {
    this.ran = [];
    if (this.group) {
      const { focus, delays } = this.group;
      const gate = async () => void (await real.scheduler.schedule(Promise.resolve(), 'training step'));
      const resolved = await Promise.all(
        this.specs.map((s) => resolve('pick' in s ? { ...s, pick: focus } : s, m, real, gate)),
      );
      const group = resolved.filter((op): op is ops.Op => op !== null);
      this.ran = group.map((op) => op.label);
      if (group.length > 0) await runGroup(m, real, group, delays);
      return;
    }
    const [spec] = this.specs;
    const op = spec && (await resolve(spec, m, real, async () => {}));
    if (!op) return;
    const count = m.bmbs.length;
    this.ran.push(op.label);
    await runGroup(m, real, [op], []);
    // "Spara ändringarna" and then "Verkställ" on the summary, as in the manual.
    const draft = m.bmbs.at(-1);
    if (spec.kind !== 'save' || spec.then === 'stay-draft' || m.bmbs.length === count || !draft) return;
    const follow = [ops.sendOp(real, draft.id, draft.sender)];
    for (const next of follow) {
      this.ran.push(next.label);
      await runGroup(m, real, [next], []);
      if (next.kind === 'send' && spec.then === 'send-and-lock' && m.bmbs.find((b) => b.id === draft.id)?.status === 'sent') {
        follow.push(ops.passTimeOp(real, m.hour, 170));
      }
    }
  }

  toString(): string {
    const what = this.ran.length > 0 ? this.ran.join(' ‖ ') : JSON.stringify(this.specs);
    return this.group ? `together(${what}; delays ${this.group.delays.join(',')})` : what;
  }
}

/** The first non-empty list's item at `pick`. */
function choose<T>(pickValue: number, ...lists: T[][]): T | undefined {
  const list = lists.find((l) => l.length > 0);
  return list?.[pickValue % list.length];
}

const otherPatient = (p: PatientKey): PatientKey => (p === 'svensson' ? 'berglund' : 'svensson');

async function resolve(spec: Spec, m: Model, real: RunContext, gate: () => Promise<void>): Promise<ops.Op | null> {
  const all = m.bmbs;
  const open = all.filter((b) => b.status === 'sent');
  const locked = open.filter((b) => isLocked(m, b));
  switch (spec.kind) {
    case 'save': {
      const loans = LOAN_NOS.filter((n) => spec.mask & (1 << (n - 1)));
      const first = m.loans[loans[0]!];
      const sender = spec.sender ?? first.prescriber;
      const others = PRESCRIBERS.filter((u) => u !== sender);
      const receiver = spec.receiver === 'self' ? sender : spec.receiver === 'k500ulf' ? 'k500ulf' : others[spec.receiver]!;
      const toPatient = spec.otherPatient ? otherPatient(first.patient) : first.patient;
      return ops.saveDraftOp(real, { sender, receiver, loans, toPatient, confirmed: spec.confirmed }, first.patient);
    }
    case 'send': {
      const b = choose(spec.pick, all.filter((x) => x.status === 'draft'), all);
      return b ? ops.sendOp(real, b.id, spec.by ?? b.sender) : null;
    }
    case 'answer': {
      const b = choose(spec.pick, open.filter((x) => !isLocked(m, x)), open, all);
      if (!b) return null;
      const actor = spec.by ?? b.receiver;
      const own = UNITS_OF[actor] ?? ['2990'];
      const foreign = ['2990', '5210', '4120'].find((c) => !own.includes(c))!;
      const payer = spec.foreign ? foreign : own[spec.unit % own.length]!;
      const delivery = own[(spec.unit >> 1) % own.length]!;
      const message = spec.approve || !spec.withMessage ? '' : 'Patienten är inte listad hos oss.';
      return ops.answerOp(real, b.id, actor, { approve: spec.approve, payer, delivery, message });
    }
    case 'time': {
      const newest = open.filter((b) => !isLocked(m, b)).at(-1);
      const hours = spec.hours !== 'until-locked' ? spec.hours : newest ? newest.sentAtHour! + 170 - m.hour : 5;
      return ops.passTimeOp(real, m.hour, hours);
    }
    case 'request': {
      const b = choose(spec.pick, locked, open, all);
      return b ? ops.requestUnlockOp(real, b.id, spec.by ?? b.sender) : null;
    }
    case 'unlock': {
      const b = choose(spec.pick, locked, open, all);
      return b ? ops.unlockOp(real, b.id, spec.by) : null;
    }
    case 'answer-request': {
      const withRequests = all.filter((x) => x.requests.length > 0);
      const b = choose(spec.pick, withRequests.filter((x) => x.requests.includes('open')), withRequests);
      if (!b) return null;
      const index = b.requests.includes('open') ? b.requests.indexOf('open') : b.requests.length - 1;
      const id = await requestId(real, b, index);
      return ops.answerRequestOp(real, b.id, { index, id }, spec.by, spec.decision);
    }
    case 'training': {
      const target = choose(spec.pick, all)?.id ?? demoId('bmb', 'waiting-1');
      return ops.trainingOp(real, target, gate);
    }
  }
}

async function requestId({ world }: RunContext, b: BmbState, index: number): Promise<string> {
  const rows = await world.db
    .select({ id: unlockRequests.id })
    .from(unlockRequests)
    .where(and(eq(unlockRequests.workspaceId, world.workspaceId), eq(unlockRequests.bmbId, b.id)))
    .orderBy(asc(unlockRequests.createdAt), asc(unlockRequests.id));
  const row = rows[index];
  if (!row) throw new Error(`the model knows request #${index} of ${b.id}; the database has ${rows.length}`);
  return row.id;
}
