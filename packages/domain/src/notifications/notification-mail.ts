import { TZDate } from '@date-fns/tz';
import { BMB_TIME_ZONE, swedishDate } from '../bmb-deadline';
import type { BmbNotificationKind } from './notification-kinds';
import { redactPatientData } from './redact-patient-data';

/** Everything a notification e-mail may say. No patient, no personnummer: only who and what waits. */
export interface NotificationMailFacts {
  kind: BmbNotificationKind;
  /** The other party: the BMB's sender for the receiver's notices, the receiver for the sender's. */
  counterpartName: string;
  bmbDate: string;
  deadline: Date;
  /** Ja or Nej, for `bmb_answered`. */
  approved?: boolean | null;
  /** Unlocked or declined, for `unlock_answered`. */
  unlocked?: boolean | null;
  /** The receiver's or Länsservice's message; patient data is removed before it leaves. */
  message?: string | null;
  /** For `bmb_line_closed`: the device that went back, as article and individ ("10156 Sittdyna …, individ 170098"). */
  device?: string | null;
  /** For `bmb_line_closed`: whether the recipient is the BMB's receiver (else its sender). */
  toReceiver?: boolean;
  /** For `bmb_line_closed`: no open line is left, so there is nothing to take over. */
  nothingLeft?: boolean;
  /** Names of the BMB's patients, only to strip them from `message`. */
  patientNames?: readonly string[];
  /** Absolute link into the app, with opaque ids only. */
  link: string;
}

export interface NotificationMail {
  subject: string;
  text: string;
}

function clock(instant: Date): string {
  const d = new TZDate(instant, BMB_TIME_ZONE);
  return `${swedishDate(instant)} kl. ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

const FOOTER =
  'Meddelandet skickades automatiskt av BMB och innehåller inga patientuppgifter. ' +
  'Påminnelser kan stängas av under Dina uppgifter.';

/** The e-mail for one notification, in the manual's words. */
export function composeNotificationMail(facts: NotificationMailFacts): NotificationMail {
  const message = facts.message
    ? redactPatientData(facts.message, facts.patientNames ?? []).trim()
    : '';
  const quoted = message ? `\nMeddelande:\n${message}\n` : '';
  const lines = (subject: string, ...body: string[]): NotificationMail => ({
    subject,
    text: [...body, '', facts.link, '', FOOTER].join('\n'),
  });

  switch (facts.kind) {
    case 'bmb_arrived':
      return lines(
        'Du har fått en BMB att kvittera',
        `${facts.counterpartName} har skickat en BMB (BMB-datum ${facts.bmbDate}) till dig.`,
        `Kvittera den under Kvittera BMB senast ${clock(facts.deadline)}, annars låses den.`,
      );
    case 'bmb_reminder':
      return lines(
        'Påminnelse: en BMB låses om 2 dagar',
        `BMB:n från ${facts.counterpartName} (BMB-datum ${facts.bmbDate}) är ännu inte kvitterad.`,
        `Den låses ${clock(facts.deadline)} om du inte svarar under Kvittera BMB.`,
      );
    case 'bmb_answered':
      return lines(
        facts.approved ? 'Din BMB är godkänd' : 'Din BMB är inte godkänd',
        facts.approved
          ? `${facts.counterpartName} har godkänt övertaget av betalningsansvar (BMB-datum ${facts.bmbDate}).`
          : `${facts.counterpartName} har inte godkänt övertaget av betalningsansvar (BMB-datum ${facts.bmbDate}).`,
        quoted,
      );
    case 'bmb_locked':
      return lines(
        'Din BMB har låsts',
        `${facts.counterpartName} kvitterade inte din BMB (BMB-datum ${facts.bmbDate}) inom 7 dagar, och den är nu låst.`,
        'Du kan begära upplåsning hos Länsservice under Skickade BMB.',
      );
    case 'bmb_line_closed': {
      const device = facts.device
        ? redactPatientData(facts.device, facts.patientNames ?? []).trim()
        : '';
      const what = device ? `Hjälpmedlet ${device}` : 'Ett hjälpmedel';
      return lines(
        'Ett hjälpmedel i en BMB har återlämnats till Länsservice',
        facts.toReceiver
          ? `${what} i BMB:n från ${facts.counterpartName} (BMB-datum ${facts.bmbDate}) har återlämnats till Länsservice och kan inte längre tas över.`
          : `${what} i din BMB till ${facts.counterpartName} (BMB-datum ${facts.bmbDate}) har återlämnats till Länsservice. Mottagaren kan inte längre ta över det.`,
        facts.nothingLeft
          ? 'Inga hjälpmedel återstår i BMB:n, så det finns inget att ta över.'
          : 'Övriga hjälpmedel i BMB:n kan fortfarande kvitteras som vanligt.',
      );
    }
    case 'unlock_answered':
      return lines(
        facts.unlocked
          ? 'Länsservice har låst upp din BMB'
          : 'Länsservice har inte låst upp din BMB',
        facts.unlocked
          ? `Din begäran om upplåsning (BMB-datum ${facts.bmbDate}) är beviljad. Du kan nu skicka en ny BMB.`
          : `Din begäran om upplåsning (BMB-datum ${facts.bmbDate}) avslogs.`,
        quoted,
      );
  }
}

/** The reminder to new staff who have not done the region's required training. */
export function composeTrainingReminderMail(facts: {
  name: string;
  /** The scenarios still to do, by title ("Skicka BMB", "Kvittera BMB"). */
  scenarios: readonly string[];
  /** Absolute link to Övningsläge. */
  link: string;
}): NotificationMail {
  const titles =
    facts.scenarios.length > 1
      ? `övningarna ${facts.scenarios.slice(0, -1).join(', ')} och ${facts.scenarios.at(-1)}`
      : `övningen ${facts.scenarios[0] ?? ''}`;
  return {
    subject: 'Påminnelse: gör övningarna i BMB',
    text: [
      `Hej ${facts.name}!`,
      '',
      `Innan du kan skicka eller kvittera en BMB behöver du göra ${titles} i Övningsläge.`,
      'Övningarna följer utbildningsmanualen steg för steg, med påhittade patienter, och tar några minuter var.',
      '',
      facts.link,
      '',
      'Meddelandet skickades automatiskt av BMB och innehåller inga patientuppgifter.',
    ].join('\n'),
  };
}
