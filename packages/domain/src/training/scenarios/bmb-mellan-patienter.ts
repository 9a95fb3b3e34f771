import type { TrainingScenario } from '../scenarios';
import { TRAINING_OTHER_PATIENT, TRAINING_PATIENT, TWELVE_DIGITS_HINT } from '../sandbox-people';
import type { SandboxBmb, TrainingState } from '../sandbox-state';
import { formOfOtherPatient, joined, newestOf, otherPatientSearched } from './common';

const from = TRAINING_PATIENT.personnummer;
const to = TRAINING_OTHER_PATIENT.personnummer;

/** A BMB of the learner's from the one patient to the other, to themself. */
const betweenPatients = (s: TrainingState) => (b: SandboxBmb) =>
  b.sender === s.learner && b.fromPatient === from;

function differences(s: TrainingState, bmb: SandboxBmb): string | null {
  return joined([
    bmb.toPatient !== to ? `Byt personnummer under Ny mottagare till ${to}.` : null,
    bmb.receiver !== s.learner
      ? `Ange dig själv (${s.learner}) som förskrivare/beställare, inte ${bmb.receiver}.`
      : null,
    bmb.needsAssessmentConfirmed && bmb.deviceSafeConfirmed
      ? null
      : 'Kryssa i båda rutorna under BMB mellan patienter.',
    bmb.articles.length === 0 ? 'Markera hjälpmedlet.' : null,
  ]);
}

const isRight = (s: TrainingState) => (b: SandboxBmb) =>
  betweenPatients(s)(b) && differences(s, b) === null;

export const bmbMellanPatienter: TrainingScenario = {
  key: 'bmb-mellan-patienter',
  title: 'BMB mellan patienter',
  description:
    'Undantaget: ett hjälpmedel går direkt till en annan patient. Regler och bekräftelser.',
  startPath: '/ovningslage',
  steps: [
    {
      label: '1',
      text: `Sök patienten ${from} under Hjälpmedel (alla 12 siffror) och klicka på länken BMB.`,
      target: 'menu-hjalpmedel',
      goal: (s) => s.formsOpened.includes(from),
      wrong: (s) => otherPatientSearched(s, from) ?? formOfOtherPatient(s, from),
      hint: TWELVE_DIGITS_HINT,
    },
    {
      label: '2',
      text: `Om du ska byta från en patient till en annan byter du personnummer under Ny mottagare: ${to}. Läs huvudregeln. Bekräfta att en individuell behovsbedömning är gjord och att hjälpmedlet är funktionsdugligt och inte bär smitta. Ange dig själv som förskrivare, markera hjälpmedlet och klicka på Spara ändringarna.`,
      target: 'bmb-form',
      goal: (s) => s.bmbs.some((b) => isRight(s)(b) && b.status !== 'rejected'),
      wrong: (s) => {
        const draft = newestOf(s, (b) => betweenPatients(s)(b) && b.status === 'draft');
        return draft ? differences(s, draft) : null;
      },
      hint: 'Vid BMB mellan patienter måste båda rutorna under BMB mellan patienter vara ikryssade.',
    },
    {
      label: 'Verkställ',
      text: 'Kontrollera uppgifterna och klicka på Verkställ.',
      target: 'verkstall',
      goal: (s) =>
        s.bmbs.some((b) => isRight(s)(b) && (b.status === 'sent' || b.status === 'accepted')),
    },
    {
      label: 'Kvittera',
      text: `BMB:n väntar nu i din egen Kvittera BMB: du är förskrivare för båda patienterna, så du är också den som tar emot. Öppna Kvittera BMB, klicka på datumet, välj Kund/leveransadress och Betalare och svara Ja – då flyttas hjälpmedlet till ${TRAINING_OTHER_PATIENT.name}.`,
      target: 'menu-kvittera-bmb',
      goal: (s) => s.bmbs.some((b) => isRight(s)(b) && b.status === 'accepted'),
    },
  ],
  stuck(s) {
    const answered = newestOf(s, (b) => isRight(s)(b) && b.status !== 'draft');
    if (
      answered?.status === 'rejected' &&
      !s.bmbs.some((b) => isRight(s)(b) && b.status === 'accepted')
    )
      return `Du svarade Nej på din egen BMB, så hjälpmedlet blev kvar hos ${TRAINING_PATIENT.name}. Klicka på Börja om.`;
    return null;
  },
};
