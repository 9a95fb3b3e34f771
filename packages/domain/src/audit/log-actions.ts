/**
 * The two logs' vocabularies: what the audit trail (`audit_events`) and the
 * patient access log (`patient_access_log`, patientdatalagen) may say was done.
 * The columns are text, so that an old row never blocks a migration; these
 * lists are what the code may write, and each code's label is what Admin →
 * Logg shows for it and offers in its filter, in this order.
 */

export const AUDIT_ACTIONS = [
  'bmb.draft.saved',
  'bmb.draft.discarded',
  'bmb.sent',
  'bmb.accepted',
  'bmb.rejected',
  'bmb.unlocked',
  'bmb.unlock-request.created',
  'bmb.unlock-request.declined',
  'bmb.message.read',
  'contact-details.updated',
  'login.succeeded',
  'login.denied',
  // No longer written (a failed callback is counted per source and logged, never
  // a trail row: issue 15, item 6), but older trails and the region seed hold it.
  'login.failed',
  'action.denied',
  'page.denied',
  'rate-limit.reached',
  'training.started',
  'training.resumed',
  'training.left',
  'training.clock.moved',
  'training.completed',
  'training.limit-reached',
  'training.requirement.changed',
  'account.deactivated',
  'account.reactivated',
  'region.rules.changed',
  'api.called',
  'bmb.line-closed',
  'masterdata.imported',
  'webhook.created',
  'webhook.disabled',
  'webhook.delivery.resent',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const auditActionLabels: Record<AuditAction, string> = {
  'bmb.draft.saved': 'BMB-utkast sparat',
  'bmb.draft.discarded': 'BMB-utkast kasserat',
  'bmb.sent': 'BMB skickad',
  'bmb.accepted': 'BMB godkänd',
  'bmb.rejected': 'BMB ej godkänd',
  'bmb.unlocked': 'BMB upplåst',
  'bmb.unlock-request.created': 'Upplåsning begärd',
  'bmb.unlock-request.declined': 'Upplåsning nekad',
  'bmb.message.read': 'Meddelande markerat som läst',
  'contact-details.updated': 'Kontaktuppgifter ändrade',
  'login.succeeded': 'Inloggning',
  'login.denied': 'Inloggning nekad (inget konto i BMB)',
  'login.failed': 'Inloggning misslyckades',
  'action.denied': 'Åtgärd nekad',
  'page.denied': 'Sida nekad',
  'rate-limit.reached': 'Gräns för sökningar nådd',
  'training.started': 'Övning startad',
  'training.resumed': 'Övning återupptagen',
  'training.left': 'Övningsläget lämnat',
  'training.clock.moved': 'Tiden flyttad i övningsläget',
  'training.completed': 'Övning slutförd',
  'training.limit-reached': 'För många övningar startade på en timme',
  'training.requirement.changed': 'Krav på övning ändrat',
  'account.deactivated': 'Konto inaktiverat (oanvänt)',
  'account.reactivated': 'Konto återaktiverat',
  'region.rules.changed': 'Regionens regler ändrade',
  'api.called': 'Anrop från lagersystemet (API)',
  'bmb.line-closed': 'BMB-rad stängd: hjälpmedlet återlämnat',
  'masterdata.imported': 'Grunddata inlästa från lagersystemet',
  'webhook.created': 'Webhook registrerad',
  'webhook.disabled': 'Webhook avstängd',
  'webhook.delivery.resent': 'Webhookleverans skickad igen',
};

/**
 * Every patient a page names is recorded, once per page
 * (docs/decisions/009-what-counts-as-patient-access.md).
 */
export const PATIENT_ACCESS_ACTIONS = [
  'patient.search',
  'patient.loans.view',
  'bmb.form.view',
  'bmb.new-patient.lookup',
  'bmb.view',
  'bmb.answer.view',
  'bmb.answer',
  'bmb.inbox.view',
  'bmb.sent.view',
  'bmb.locked.view',
  'bmb.locked.search',
  'individ.card.view',
  'log.patient.search',
  'log.patient.extract',
] as const;

export type PatientAccessAction = (typeof PATIENT_ACCESS_ACTIONS)[number];

export const accessActionLabels: Record<PatientAccessAction, string> = {
  'patient.search': 'Sökning på personnummer',
  'patient.loans.view': 'Visade patientens hjälpmedel',
  'bmb.form.view': 'Öppnade BMB-formulär',
  'bmb.new-patient.lookup': 'Ny mottagare (patient) i BMB',
  'bmb.view': 'Visade BMB',
  'bmb.answer.view': 'Öppnade kvittens',
  'bmb.answer': 'Kvitterade BMB',
  'bmb.inbox.view': 'Visade Kvittera BMB (lista)',
  'bmb.sent.view': 'Visade Skickade BMB (lista)',
  'bmb.locked.view': 'Visade Låsta BMB (lista)',
  'bmb.locked.search': 'Sökte låsta BMB på personnummer',
  'individ.card.view': 'Visade individkort',
  'log.patient.search': 'Sökte i loggen på patient',
  'log.patient.extract': 'Utdrag ur åtkomstloggen',
};

const auditActionSet: ReadonlySet<string> = new Set(AUDIT_ACTIONS);
const accessActionSet: ReadonlySet<string> = new Set(PATIENT_ACCESS_ACTIONS);

/** For codes read back from the text columns. */
export const isAuditAction = (code: string): code is AuditAction => auditActionSet.has(code);
export const isPatientAccessAction = (code: string): code is PatientAccessAction =>
  accessActionSet.has(code);
