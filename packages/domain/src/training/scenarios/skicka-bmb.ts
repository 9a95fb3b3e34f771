import type { TrainingScenario } from '../scenarios';
import { TRAINING_COLLEAGUE, TRAINING_PATIENT, TWELVE_DIGITS_HINT } from '../sandbox-people';
import { hasVisited, type SandboxBmb, type TrainingState } from '../sandbox-state';
import {
  devicesDiffer,
  formOfOtherPatient,
  joined,
  newestOf,
  otherPatientSearched,
} from './common';

/** The manual's example: device 10156 of Svensson, Testare, to the colleague, with a message. */
const DEVICE = '10156';
const patient = TRAINING_PATIENT.personnummer;
const receiver = TRAINING_COLLEAGUE.username;

const mine = (state: TrainingState) => (b: SandboxBmb) => b.sender === state.learner;

/** What differs between a BMB of the learner's and the one the scenario asks for. */
function differences(bmb: SandboxBmb): string | null {
  return joined([
    bmb.receiver !== receiver
      ? `Ange ${receiver} som ny förskrivare/beställare, inte ${bmb.receiver}.`
      : null,
    bmb.toPatient !== patient ? `Låt patienten ${patient} ligga kvar under Ny mottagare.` : null,
    devicesDiffer(bmb, DEVICE),
    bmb.message.trim() === ''
      ? 'Skriv ett meddelande till mottagaren, till exempel "Skickar BMB enl. överenskommelse.".'
      : null,
  ]);
}

const isRight = (bmb: SandboxBmb) => bmb.fromPatient === patient && differences(bmb) === null;

export const skickaBmb: TrainingScenario = {
  key: 'skicka-bmb',
  title: 'Skicka BMB',
  description:
    'För över betalningsansvaret för ett hjälpmedel till en annan förskrivare, steg för steg som i manualen.',
  startPath: '/ovningslage',
  steps: [
    {
      label: 'Utgångsbild',
      text: 'Utgångsbild: Hjälpmedel (i blå listen). Klicka på Hjälpmedel i menyn.',
      manual: ['Utgångsbild: *Hjälpmedel* (i blå listen)'],
      target: 'menu-hjalpmedel',
      goal: (s) => hasVisited(s, '/hjalpmedel') || hasVisited(s, '/hjalpmedel/'),
    },
    {
      label: '1',
      text: `Skriv in aktuell patients personnummer med alla 12 siffror (${patient}). Klicka på Sök.`,
      manual: ['1. Skriv in aktuell patients personnummer med alla 12 siffror. Klicka på **sök**'],
      target: 'patient-search',
      goal: (s) => s.searched.includes(patient),
      wrong: (s) => otherPatientSearched(s),
      hint: TWELVE_DIGITS_HINT,
    },
    {
      label: '2',
      text: 'Klicka på länken BMB.',
      manual: ['2. Klicka på länken **BMB**'],
      target: 'bmb-link',
      goal: (s) => s.formsOpened.includes(patient),
      wrong: (s) => otherPatientSearched(s) ?? formOfOtherPatient(s),
    },
    {
      label: '3',
      text: `Ny bild öppnas. Ange en ny förskrivare/beställare (användarnamn): ${receiver}. Aktuell patient ligger förvald. Markera hjälpmedlet ${DEVICE} i rutan och skriv ett meddelande till mottagaren, till exempel "Skickar BMB enl. överenskommelse.". Klicka på Spara ändringarna.`,
      manual: [
        '3. Ny bild öppnas.',
        '- I bilden anger du en ny förskrivare/beställare (användarnamn)',
        '- Aktuell patient ligger förvalt.',
        '- Markera på hjälpmedelsraderna vilket, eller vilka, hjälpmedel som avses genom att markera i rutorna',
        '- I meddelanderutan kan du skriva ett meddelande till mottagaren.',
      ],
      target: 'bmb-form',
      goal: (s) =>
        s.bmbs.some(
          (b) => mine(s)(b) && (b.status === 'draft' || b.status === 'sent') && isRight(b),
        ),
      wrong: (s) => {
        const draft = newestOf(s, (b) => mine(s)(b) && b.status === 'draft');
        return draft ? differences(draft) : formOfOtherPatient(s);
      },
      hint: `Fyll i användarnamnet ${receiver}, markera hjälpmedlet ${DEVICE}, skriv ett meddelande och klicka på Spara ändringarna.`,
    },
    {
      label: 'Spara ändringarna',
      text: 'Du har klickat på Spara ändringarna: uppgifterna är sparade och Verkställ-knappen har kommit upp. Kontrollera sammanfattningen – mottagare, hjälpmedel och meddelande – och klicka sedan på Nästa här i guiden.',
      manual: [
        '- Klicka på **Spara ändringarna** för att uppdatera och spara dina uppgifter.',
        'När du klickat på **Spara ändringarna** kommer **Verkställ**-knappen upp.',
      ],
      target: 'bmb-summary',
      goal: 'read',
    },
    {
      label: 'Verkställ',
      text: 'När alla uppgifter är korrekta och sparade kan du klicka på Verkställ för att skicka BMB till mottagaren.',
      manual: [
        'När alla uppgifter är korrekta och sparade kan du klicka på **Verkställ** för att skicka BMB till mottagaren.',
      ],
      target: 'verkstall',
      goal: (s) => s.bmbs.some((b) => mine(s)(b) && b.status === 'sent' && isRight(b)),
      wrong: (s) => {
        const draft = newestOf(s, (b) => mine(s)(b) && b.status === 'draft');
        return draft ? differences(draft) : null;
      },
    },
  ],
  stuck(s) {
    const sent = newestOf(s, (b) => mine(s)(b) && b.status !== 'draft');
    if (
      !sent ||
      isRight(sent) ||
      s.bmbs.some((b) => mine(s)(b) && b.status === 'sent' && isRight(b))
    )
      return null;
    const what = differences(sent) ?? `Den gäller en annan patient (${sent.fromPatient}).`;
    return `Du har skickat en BMB med fel uppgifter. ${what} En skickad BMB kan inte tas tillbaka, så övningen kan inte slutföras med den. Klicka på Börja om och gör om övningen.`;
  },
};
