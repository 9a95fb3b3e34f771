/**
 * How many of everything a region of a given scale holds. Scale 1 is the
 * region of issue 9: a million patients, two million loans. Everything that
 * describes people and their devices scales; the article catalogue does not
 * (a bigger region lends the same kinds of devices).
 */

/** Patients come in cycles of 100 holding 200 loans (layout.ts), so the totals are exact multiples. */
export const PATIENTS_PER_CYCLE = 100;
export const LOANS_PER_CYCLE = 200;

/** Region scale limits: below, a cycle would not fit; above, personnummer serials (001–979) run out. */
export const MIN_SCALE = 0.0001;
export const MAX_SCALE = 10;

export interface RegionPlan {
  scale: number;
  /** Cycles of 100 patients and 200 loans. */
  cycles: number;
  patients: number;
  loans: number;
  /** Individer: three loans in four have one (see layout.ts). */
  units: number;
  articles: number;
  /** Articles 0 … individualArticles-1 are tracked per individ; the rest are not. */
  individualArticles: number;
  prescribers: number;
  /** Care units: each is a payer and a delivery address with the same code, as in the demo. */
  careUnits: number;
  /** Answered BMBs, one per block of four loans. */
  historicBmbs: number;
  /** Sent and still answerable (within 7 days); the busy receiver's are among them. */
  pendingBmbs: number;
  /** Sent more than 7 days ago and unanswered. */
  lockedBmbs: number;
  /** The busy receiver's waiting BMBs: 200 at scale 1. */
  busyWaiting: number;
  /** "Begär upplåsning" waiting in Länsservice's queue: one locked BMB in three. */
  unlockRequests: number;
  auditEvents: number;
  accessLog: number;
}

const scaled = (n: number, scale: number, min: number) => Math.max(min, Math.round(n * scale));

export function regionPlan(scale: number): RegionPlan {
  if (!Number.isFinite(scale) || scale < MIN_SCALE || scale > MAX_SCALE) {
    throw new Error(
      `The region scale must be a number from ${MIN_SCALE} to ${MAX_SCALE}, not ${scale}.`,
    );
  }
  const cycles = scaled(10_000, scale, 1);
  const loans = cycles * LOANS_PER_CYCLE;
  const pendingBmbs = scaled(4_000, scale, 2);
  const lockedBmbs = scaled(2_000, scale, 1);
  return {
    scale,
    cycles,
    patients: cycles * PATIENTS_PER_CYCLE,
    loans,
    units: (loans / 4) * 3,
    articles: 1_000,
    individualArticles: 600,
    // At least ten, so that senders, receivers and the busy one never run short.
    prescribers: scaled(10_000, scale, 10),
    careUnits: scaled(1_000, scale, 3),
    historicBmbs: loans / 4,
    pendingBmbs,
    lockedBmbs,
    busyWaiting: Math.min(pendingBmbs, scaled(200, scale, 1)),
    unlockRequests: Math.ceil(lockedBmbs / 3),
    auditEvents: scaled(3_000_000, scale, 1),
    accessLog: scaled(5_000_000, scale, 1),
  };
}

/** Open BMBs (pending, then locked) sit one per `openStride` blocks of four loans. */
export function openStride(plan: RegionPlan): number {
  return Math.floor(plan.historicBmbs / (plan.pendingBmbs + plan.lockedBmbs));
}

/** The feed's events: every BMB's sending, and every answered (historic) one's answer. */
export function feedEventsOf(plan: RegionPlan): number {
  return 2 * plan.historicBmbs + plan.pendingBmbs + plan.lockedBmbs;
}

/** The audit events that describe BMBs; logins fill the rest of `auditEvents`. */
export function bmbAuditEvents(plan: RegionPlan): number {
  const open = plan.pendingBmbs + plan.lockedBmbs;
  // Every BMB: draft saved, sent. Answered ones: the answer. Plus the unlock requests.
  return 2 * (plan.historicBmbs + open) + plan.historicBmbs + plan.unlockRequests;
}
