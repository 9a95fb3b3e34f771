import type { PatientAccessAction } from '@/lib/patient-access';

/** What the audit trail's and access log's action codes mean, in the UI's words. */
export const auditActionLabels: Record<string, string> = {
  'bmb.draft.saved': 'BMB-utkast sparat',
  'bmb.draft.discarded': 'BMB-utkast kasserat',
  'bmb.sent': 'BMB skickad',
  'bmb.accepted': 'BMB godkänd',
  'bmb.rejected': 'BMB ej godkänd',
  'bmb.unlocked': 'BMB upplåst',
  'bmb.unlock-request.created': 'Upplåsning begärd',
  'bmb.unlock-request.declined': 'Upplåsning nekad',
  'contact-details.updated': 'Kontaktuppgifter ändrade',
  'login.succeeded': 'Inloggning',
  'login.denied': 'Inloggning nekad (inget konto i BMB)',
  'login.failed': 'Inloggning misslyckades',
  'action.denied': 'Åtgärd nekad',
  'page.denied': 'Sida nekad',
  'rate-limit.reached': 'Gräns för sökningar nådd',
  'training.limit-reached': 'För många övningar startade på en timme',
};

/** Typed by the actions the app records: one without a label does not compile. */
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

export const labelOf = (labels: Record<string, string>, code: string) => labels[code] ?? code;
