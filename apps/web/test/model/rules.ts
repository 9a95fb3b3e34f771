import {
  ADMINS,
  findBmb,
  isLocked,
  openBmbOf,
  refuse,
  UNITS_OF,
  type Expectation,
  type LoanNo,
  type Model,
  type PatientKey,
  type Username,
} from './model';

/**
 * What each server action should do to the model: the expected outcome, the
 * audit events it adds to the production trail, and the state change. Pure
 * functions of the model, so that concurrent actions can be checked against
 * every order in which they might have run.
 */

export interface DraftInput {
  sender: Username;
  receiver: Username;
  loans: LoanNo[];
  toPatient: PatientKey;
  confirmed: boolean;
}

/** Spara ändringarna (a new draft). */
export function saveDraft(m: Model, d: DraftInput): Expectation {
  const from = m.loans[d.loans[0]!].patient;
  const patientChange = d.toPatient !== from;
  const refused =
    d.receiver === 'k500ulf' ||
    (d.receiver === d.sender && !patientChange) ||
    d.loans.some((n) => m.loans[n].patient !== from || m.loans[n].prescriber !== d.sender || openBmbOf(m, n)) ||
    (patientChange && !d.confirmed);
  if (refused) return refuse('invalid-input');
  return {
    outcome: { ok: true },
    audit: { 'bmb.draft.saved': 1 },
    apply: (model, observed) => {
      if (!observed.ok || !observed.id) throw new Error('a saved draft must name its id');
      model.bmbs.push({
        id: observed.id,
        sender: d.sender,
        receiver: d.receiver,
        fromPatient: from,
        toPatient: d.toPatient,
        loans: [...d.loans],
        status: 'draft',
        sentAtHour: null,
        unlockedBy: null,
        requests: [],
      });
    },
  };
}

/** Verkställ on the summary of a draft. */
export function send(m: Model, bmbId: string, actor: Username): Expectation {
  const b = findBmb(m, bmbId);
  if (!b || b.sender !== actor) return refuse('not-found');
  if (b.status !== 'draft') return refuse('conflict', /redan skickad/);
  // Much may have changed since the draft was saved: the same rules again.
  const stale = b.loans.some(
    (n) => m.loans[n].patient !== b.fromPatient || m.loans[n].prescriber !== actor || openBmbOf(m, n),
  );
  if (stale) return refuse('conflict');
  return {
    outcome: { ok: true },
    audit: { 'bmb.sent': 1 },
    apply: (model) => {
      const target = findBmb(model, bmbId)!;
      target.status = 'sent';
      target.sentAtHour = model.hour;
    },
  };
}

export interface AnswerInput {
  approve: boolean;
  payer: string;
  delivery: string;
  message: string;
}

/** Kvittera BMB, Verkställ with Ja or Nej. */
export function answer(m: Model, bmbId: string, actor: Username, a: AnswerInput): Expectation {
  if (!a.approve && a.message.length === 0) return refuse('invalid-input', /Kontrollera/);
  const b = findBmb(m, bmbId);
  // An unsent draft is its sender's alone: for the receiver it does not exist yet (may(actor, 'answer', bmb)).
  if (!b || b.receiver !== actor || b.status === 'draft') return refuse('not-found');
  if (b.status !== 'sent') return refuse('conflict', /redan besvarad/);
  if (isLocked(m, b)) return refuse('conflict', /låst/);
  const own = UNITS_OF[actor] ?? [];
  if (a.approve && !(own.includes(a.payer) && own.includes(a.delivery))) return refuse('invalid-input');
  return {
    outcome: { ok: true },
    audit: { [a.approve ? 'bmb.accepted' : 'bmb.rejected']: 1 },
    apply: (model) => {
      const target = findBmb(model, bmbId)!;
      target.status = a.approve ? 'accepted' : 'rejected';
      if (!a.approve) return;
      for (const n of target.loans) {
        model.loans[n] = { prescriber: actor, payer: a.payer, delivery: a.delivery, patient: target.toPatient };
      }
    },
  };
}

/** Time passes (tests and training only move the clock). */
export function passTime(hours: number): Expectation {
  return { outcome: { ok: true }, audit: {}, apply: (model) => void (model.hour += hours) };
}

/** Begär upplåsning, by the sender of a locked BMB. */
export function requestUnlock(m: Model, bmbId: string, actor: Username): Expectation {
  const b = findBmb(m, bmbId);
  if (!b) return refuse('not-found');
  if (b.sender !== actor) return refuse('forbidden', /Bara den som skickade/);
  if (!isLocked(m, b)) return refuse('conflict', /inte låst/);
  if (b.requests.includes('open')) return refuse('conflict', /redan begärt/);
  return {
    outcome: { ok: true },
    audit: { 'bmb.unlock-request.created': 1 },
    apply: (model) => void findBmb(model, bmbId)!.requests.push('open'),
  };
}

function unlocked(bmbId: string, admin: Username): Expectation {
  return {
    outcome: { ok: true },
    audit: { 'bmb.unlocked': 1 },
    apply: (model) => {
      const target = findBmb(model, bmbId)!;
      target.status = 'unlocked';
      target.unlockedBy = admin;
      target.requests = target.requests.map((r) => (r === 'open' ? 'unlocked' : r));
    },
  };
}

/** Admin → Låsta BMB → Lås upp. Anyone else is refused, and the refusal is audited. */
export function unlock(m: Model, bmbId: string, actor: Username): Expectation {
  if (!ADMINS.includes(actor)) return refuse('forbidden');
  const b = findBmb(m, bmbId);
  if (!b || !isLocked(m, b)) return refuse('refused');
  return unlocked(bmbId, actor);
}

/** Admin answers the request with this index of the BMB: unlock, or decline with a message. */
export function answerRequest(
  m: Model,
  bmbId: string,
  request: number,
  actor: Username,
  decision: 'unlock' | 'decline',
): Expectation {
  if (!ADMINS.includes(actor)) return refuse('forbidden');
  const b = findBmb(m, bmbId)!;
  if (b.requests[request] !== 'open') return refuse('conflict', /redan besvarad/);
  if (decision === 'unlock') return isLocked(m, b) ? unlocked(bmbId, actor) : refuse('conflict');
  return {
    outcome: { ok: true },
    audit: { 'bmb.unlock-request.declined': 1 },
    apply: (model) => void (findBmb(model, bmbId)!.requests[request] = 'declined'),
  };
}

/** A run of Övningsläge: everything happens in the sandbox, nothing in production. */
export function training(): Expectation {
  return { outcome: { ok: true }, audit: {} };
}
