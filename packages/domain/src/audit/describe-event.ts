import { auditActionLabels, type AuditAction } from './log-actions';

/**
 * The audit trail as people read it (Admin → Logg, a BMB's "Visa händelser"):
 * each event in Swedish with names and codes, e.g. "Betalare 2990 Länsservice
 * → 5230 Hemsjukvården Boden; förskrivare k100ana → k200bo", instead of the
 * ids the rows keep. The rows stay as written (raw details one click away);
 * this only reads them, with the names `AuditNames` resolves for their ids.
 */

export interface AuditEventInput {
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditNames {
  prescribers: ReadonlyMap<string, { username: string; name: string }>;
  payers: ReadonlyMap<string, { code: string; name: string }>;
  deliveryAddresses: ReadonlyMap<string, { code: string; name: string }>;
  patients: ReadonlyMap<string, { name: string }>;
  loans: ReadonlyMap<string, { articleNo: string; individNo: string | null }>;
}

/** What an event concerns, to name and link: the BMB, its patients, its devices. */
export interface AuditSubject {
  kind: 'bmb' | 'patient' | 'individ' | 'prescriber';
  /** The BMB's or patient's id, the individ number, the prescriber's username. */
  key: string;
  label: string;
}

export interface AuditDescription {
  summary: string;
  subjects: AuditSubject[];
}

/** The ids an event's details refer to, by kind: what `AuditNames` must resolve. */
export interface AuditReferences {
  prescribers: Set<string>;
  payers: Set<string>;
  deliveryAddresses: Set<string>;
  patients: Set<string>;
  loans: Set<string>;
}

type Json = Record<string, unknown>;
const record = (value: unknown): Json =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

interface Move {
  loanId: string;
  before: Json;
  after: Json;
}
const movesOf = (after: Json): Move[] =>
  (Array.isArray(after.moves) ? after.moves : []).flatMap((m) => {
    const move = record(m);
    const loanId = text(move.loanId);
    return loanId ? [{ loanId, before: record(move.before), after: record(move.after) }] : [];
  });

/** Every id the events' details name, to resolve in one query per kind. */
export function auditReferences(events: readonly AuditEventInput[]): AuditReferences {
  const refs: AuditReferences = {
    prescribers: new Set(),
    payers: new Set(),
    deliveryAddresses: new Set(),
    patients: new Set(),
    loans: new Set(),
  };
  const add = (set: Set<string>, value: unknown) => {
    const id = text(value);
    if (id) set.add(id);
  };
  for (const event of events) {
    for (const side of [record(event.before), record(event.after)]) {
      add(refs.prescribers, side.receiverId);
      add(refs.patients, side.fromPatientId);
      add(refs.patients, side.toPatientId);
      add(refs.payers, side.payerId);
      add(refs.deliveryAddresses, side.deliveryAddressId);
      for (const loanId of list(side.loanIds)) refs.loans.add(loanId);
      add(refs.loans, side.loanId);
      for (const move of movesOf(side)) {
        refs.loans.add(move.loanId);
        for (const holder of [move.before, move.after]) {
          add(refs.prescribers, holder.prescriberId);
          add(refs.payers, holder.payerId);
          add(refs.deliveryAddresses, holder.deliveryAddressId);
          add(refs.patients, holder.patientId);
        }
      }
    }
  }
  return refs;
}

const unknownName = 'okänd';

function describer(names: AuditNames) {
  const prescriber = (id: unknown) => {
    const p = names.prescribers.get(text(id) ?? '');
    return p ? `${p.username} (${p.name})` : unknownName;
  };
  const username = (id: unknown) => names.prescribers.get(text(id) ?? '')?.username ?? unknownName;
  const unit = (map: AuditNames['payers'], id: unknown) => {
    const u = map.get(text(id) ?? '');
    return u ? `${u.code} ${u.name}` : unknownName;
  };
  const patient = (id: unknown) => names.patients.get(text(id) ?? '')?.name ?? unknownName;
  const device = (loanId: string) => {
    const loan = names.loans.get(loanId);
    if (!loan) return 'hjälpmedel (okänt)';
    return loan.individNo ? `${loan.articleNo} individ ${loan.individNo}` : loan.articleNo;
  };
  const devices = (loanIds: string[]) =>
    loanIds.length === 0 ? 'inga hjälpmedel' : loanIds.map(device).join(', ');
  /** "före → efter" where a value changed; nothing where it did not. */
  const change = (label: string, before: string, after: string) =>
    before === after ? null : `${label} ${before} → ${after}`;
  return { prescriber, username, unit, patient, device, devices, change };
}

/** Reads one event in Swedish, with the names of what its details refer to. */
export function describeAuditEvent(event: AuditEventInput, names: AuditNames): AuditDescription {
  const d = describer(names);
  const before = record(event.before);
  const after = record(event.after);
  const subjects: AuditSubject[] = [];
  const patientSubject = (id: unknown) => {
    const key = text(id);
    if (key && !subjects.some((s) => s.kind === 'patient' && s.key === key))
      subjects.push({ kind: 'patient', key, label: d.patient(key) });
  };
  const individSubjects = (loanIds: string[]) => {
    for (const loanId of loanIds) {
      const individ = names.loans.get(loanId)?.individNo;
      if (individ && !subjects.some((s) => s.kind === 'individ' && s.key === individ))
        subjects.push({ kind: 'individ', key: individ, label: `Individ ${individ}` });
    }
  };
  if (event.entityType === 'bmb' && event.entityId)
    subjects.push({ kind: 'bmb', key: event.entityId, label: `BMB ${event.entityId.slice(0, 8)}` });
  patientSubject(after.fromPatientId);
  if (after.toPatientId !== after.fromPatientId) patientSubject(after.toPatientId);
  const loanIds = text(after.loanId) ? [text(after.loanId)!] : list(after.loanIds);
  individSubjects(loanIds);

  const toPatient = (side: Json) =>
    side.toPatientId && side.toPatientId !== side.fromPatientId ? ` till patienten ${d.patient(side.toPatientId)}` : '';
  const message = (value: unknown, label = 'meddelande') => (text(value) ? `; ${label}: "${text(value)}"` : '');
  const action = event.action as AuditAction;
  let summary: string;
  switch (action) {
    case 'bmb.draft.saved':
      summary = `Utkast till ${d.prescriber(after.receiverId)}: ${d.devices(loanIds)} för ${d.patient(after.fromPatientId)}${toPatient(after)}`;
      break;
    case 'bmb.sent':
      summary = `Skickad till ${d.prescriber(after.receiverId)}: ${d.devices(loanIds)} för ${d.patient(after.fromPatientId)}${toPatient(after)}`;
      break;
    case 'bmb.accepted': {
      const moves = movesOf(after);
      individSubjects(moves.map((m) => m.loanId));
      for (const move of moves) patientSubject(move.after.patientId);
      const perDevice = moves.map((m) => {
        const changes = [
          d.change('förskrivare', d.username(m.before.prescriberId), d.username(m.after.prescriberId)),
          d.change('betalare', d.unit(names.payers, m.before.payerId), d.unit(names.payers, m.after.payerId)),
          d.change(
            'leveransadress',
            d.unit(names.deliveryAddresses, m.before.deliveryAddressId),
            d.unit(names.deliveryAddresses, m.after.deliveryAddressId),
          ),
          d.change('patient', d.patient(m.before.patientId), d.patient(m.after.patientId)),
        ].filter(Boolean);
        return `${d.device(m.loanId)}: ${changes.length ? changes.join('; ') : 'oförändrat'}`;
      });
      summary = `Godkänd. ${perDevice.length ? perDevice.join('. ') : `Betalare ${d.unit(names.payers, after.payerId)}`}${message(after.message)}`;
      break;
    }
    case 'bmb.rejected':
      summary = `Ej godkänd${message(after.message)}`;
      break;
    case 'bmb.unlocked':
      summary = `Upplåst av Länsservice${message(after.reason, 'anledning')}`;
      break;
    case 'bmb.unlock-request.created':
      summary = `Avsändaren bad Länsservice låsa upp BMB:n${message(after.message)}`;
      break;
    case 'bmb.unlock-request.declined':
      summary = `Länsservice låste inte upp${message(after.message ?? after.reason, 'svar')}`;
      break;
    case 'bmb.draft.discarded':
      summary = 'Utkastet kasserades';
      break;
    case 'bmb.line-closed':
      summary = `${d.devices(loanIds)} återlämnat till Länsservice: raden stängd`;
      break;
    case 'contact-details.updated': {
      const changed = Object.keys(after).filter((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]));
      summary = changed.length
        ? `Ändrade ${changed.map((k) => contactFieldLabels[k] ?? k).join(', ')}`
        : 'Inga ändringar';
      break;
    }
    case 'action.denied':
    case 'page.denied':
      summary = `${text(after.action) ?? text(after.page) ?? 'okänd åtgärd'} nekad (${reasonLabels[text(after.reason) ?? ''] ?? text(after.reason) ?? 'okänt skäl'})`;
      break;
    case 'training.requirement.changed':
      summary = `${text(after.username) ?? 'okänd'}: ${after.trainingRequired === true ? 'ny medarbetare, måste göra regionens övningar före en riktig BMB' : 'släppt från kravet på övningar'}`;
      break;
    case 'account.deactivated':
      summary = `${text(after.username) ?? 'okänd'}: inaktiverat, inte använt på ${typeof after.months === 'number' ? after.months : '?'} månader`;
      break;
    case 'account.reactivated':
      summary = `${text(after.username) ?? 'okänd'}: återaktiverat av Länsservice`;
      break;
    case 'region.rules.changed': {
      const num = (value: unknown) => (typeof value === 'number' ? String(value) : '?');
      const rule = (key: string, text: (n: string) => string) =>
        key in after ? `${text(num(after[key]))} (förut ${num(before[key])})` : null;
      summary =
        [
          rule('deactivateUnusedAfterMonths', (n) => `oanvända konton inaktiveras efter ${n} månader`),
          rule('trainingReminderDays', (n) => `nya som inte övat påminns efter ${n} dagar`),
        ]
          .filter(Boolean)
          .join('; ') || 'Regionens regler ändrade';
      summary = summary.charAt(0).toUpperCase() + summary.slice(1);
      break;
    }
    case 'api.called':
      summary = `${text(after.client) ?? 'okänd klient'}: ${text(after.method) ?? ''} ${text(after.path) ?? ''} → ${typeof after.status === 'number' ? after.status : ''}`;
      break;
    default:
      summary = auditActionLabels[action] ?? event.action;
  }
  return { summary, subjects };
}

const contactFieldLabels: Record<string, string> = {
  phone: 'telefon',
  mobile: 'mobil',
  fax: 'fax',
  email: 'e-post',
  remindersEnabled: 'påminnelser',
};

const reasonLabels: Record<string, string> = {
  forbidden: 'saknar behörighet',
  'not-found': 'finns inte eller gäller inte användaren',
  unauthenticated: 'inte inloggad',
};
