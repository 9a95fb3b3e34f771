import type { ActionFailureCode } from '@/lib/action-result';

/**
 * The model of the BMB rules that the model-based test holds the real server
 * actions to: the state a person would expect after each action, written down
 * without the product's code (DESIGN.md, "BMB lifecycle"). Time is the
 * workspace clock's offset in whole hours; every jump is a multiple of 5 h, so
 * a BMB is never within 2 h of its 7-day deadline (which a daylight-saving
 * change moves by an hour) when the model asks whether it is locked.
 */

export type Username = 'k100ana' | 'k200bo' | 'k400eva' | 'k500ulf' | 'admin' | 'admin2' | 'k300ny';
export type PatientKey = 'svensson' | 'berglund';
export type LoanNo = 1 | 2 | 3 | 4;
export const LOAN_NOS: readonly LoanNo[] = [1, 2, 3, 4];

export const ADMINS: readonly Username[] = ['admin', 'admin2'];
/** Each prescriber's own payers and delivery addresses (demo seed), as codes. */
export const UNITS_OF: Partial<Record<Username, readonly string[]>> = {
  k100ana: ['2990', '4110'],
  k200bo: ['5210', '5230'],
  k400eva: ['4120', '4110'],
};
export const LOCK_AFTER_HOURS = 7 * 24;

export interface LoanState {
  prescriber: Username;
  payer: string;
  delivery: string;
  patient: PatientKey;
}

export type RequestStatus = 'open' | 'declined' | 'unlocked';

export interface BmbState {
  id: string;
  sender: Username;
  receiver: Username;
  fromPatient: PatientKey;
  toPatient: PatientKey;
  loans: LoanNo[];
  status: 'draft' | 'sent' | 'accepted' | 'rejected' | 'unlocked';
  sentAtHour: number | null;
  unlockedBy: Username | null;
  /** "Begär upplåsning", oldest first. */
  requests: RequestStatus[];
}

export interface Model {
  hour: number;
  loans: Record<LoanNo, LoanState>;
  bmbs: BmbState[];
}

export function initialModel(): Model {
  const held = (): LoanState => ({ prescriber: 'k100ana', payer: '2990', delivery: '2990', patient: 'svensson' });
  return { hour: 0, loans: { 1: held(), 2: held(), 3: held(), 4: held() }, bmbs: [] };
}

export function isLocked(m: Model, b: BmbState): boolean {
  return b.status === 'sent' && b.sentAtHour !== null && m.hour - b.sentAtHour >= LOCK_AFTER_HOURS;
}

export function openBmbOf(m: Model, loan: LoanNo): BmbState | undefined {
  return m.bmbs.find((b) => b.status === 'sent' && b.loans.includes(loan));
}

export function findBmb(m: Model, id: string): BmbState | undefined {
  return m.bmbs.find((b) => b.id === id);
}

/** What an action returned, reduced to what the model predicts. */
export type Observed = { ok: true; id?: string } | { ok: false; code: ActionFailureCode | 'refused'; message: string };

export type Outcome = { ok: true } | { ok: false; code: ActionFailureCode | 'refused'; message?: RegExp };

/** Audit events expected in the production trail, by action. */
export type AuditDelta = Record<string, number>;

export interface Expectation {
  outcome: Outcome;
  audit: AuditDelta;
  /** The state change, applied only when the outcome matched. */
  apply?: (m: Model, observed: Observed) => void;
}

/**
 * A refusal. One on the resource itself (not found, or not this user's to act
 * on) is recorded in the audit trail as `action.denied`; one on the form's
 * content or the BMB's state adds nothing.
 */
export const refuse = (code: ActionFailureCode | 'refused', message?: RegExp): Expectation => ({
  outcome: { ok: false, code, message },
  audit: code === 'not-found' || code === 'forbidden' ? { 'action.denied': 1 } : {},
});

export function matches(outcome: Outcome, observed: Observed): boolean {
  if (outcome.ok || observed.ok) return outcome.ok === observed.ok;
  return outcome.code === observed.code && (!outcome.message || outcome.message.test(observed.message));
}

export function addAudit(into: AuditDelta, delta: AuditDelta): AuditDelta {
  for (const [action, n] of Object.entries(delta)) into[action] = (into[action] ?? 0) + n;
  return into;
}

/**
 * What the database should show for the model's clock, loans and BMBs (compared
 * with a snapshot of the real one). How long ago a BMB was sent tells racing
 * orders apart that look alike otherwise: sent before or after the clock moved.
 */
export function projection(m: Model) {
  return {
    hour: m.hour,
    loans: m.loans,
    bmbs: Object.fromEntries(
      m.bmbs.map((b) => [
        b.id,
        {
          status: b.status,
          sentHoursAgo: b.sentAtHour === null ? null : m.hour - b.sentAtHour,
          locked: isLocked(m, b),
          unlockedBy: b.unlockedBy,
          requests: b.requests,
        },
      ]),
    ),
  };
}
export type Projection = ReturnType<typeof projection>;
