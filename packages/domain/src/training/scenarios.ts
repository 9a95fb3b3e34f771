/**
 * Övningsläge: the manual's numbered steps as training scenarios, in its own
 * numbering and words. A step is done when its check holds for what the
 * learner really did in their sandbox after the step began (server-side).
 */
export type StepCheck =
  | { visited: string }
  | { access: string }
  | { audit: string[] }
  | { clockMoved: true };

export interface TrainingStep {
  /** The manual's numbering: "Utgångsbild", "1", "2", "3", "Spara ändringarna", "Verkställ". */
  label: string;
  /** What to do, in the manual's words. */
  text: string;
  /** The element to use: `data-guide` of it on the page (the manual's red circle). */
  target: string;
  /** Said when the learner got it wrong. */
  hint?: string;
  check: StepCheck;
}

export interface TrainingScenario {
  key: TrainingScenarioKey;
  title: string;
  description: string;
  /** Where the run starts. */
  startPath: string;
  steps: TrainingStep[];
}

export const trainingScenarioKeys = ['skicka-bmb', 'kvittera-bmb', 'bmb-mellan-patienter', 'nar-bmb-blir-last'] as const;
export type TrainingScenarioKey = (typeof trainingScenarioKeys)[number];

/** The fictional people and patients of every sandbox (see packages/db, training sandbox). */
export const TRAINING_COLLEAGUE = { username: 'k900lisa', name: 'Lisa Handledare' } as const;
export const TRAINING_PATIENT = { personnummer: '191212121212', name: 'Svensson, Testare' } as const;
export const TRAINING_OTHER_PATIENT = { personnummer: '191111119812', name: 'Testsson, Greta' } as const;

const twelveDigits = 'Skriv in personnumret med alla 12 siffror, till exempel 191212121212, och klicka på Sök.';

export const trainingScenarios: Record<TrainingScenarioKey, TrainingScenario> = {
  'skicka-bmb': {
    key: 'skicka-bmb',
    title: 'Skicka BMB',
    description: 'För över betalningsansvaret för ett hjälpmedel till en annan förskrivare, steg för steg som i manualen.',
    startPath: '/ovningslage',
    steps: [
      { label: 'Utgångsbild', text: 'Utgångsbild: Hjälpmedel (i blå listen). Klicka på Hjälpmedel i menyn.', target: 'menu-hjalpmedel', check: { visited: '/hjalpmedel' } },
      { label: '1', text: `Skriv in aktuell patients personnummer med alla 12 siffror (${TRAINING_PATIENT.personnummer}). Klicka på Sök.`, target: 'patient-search', hint: twelveDigits, check: { access: 'patient.search' } },
      { label: '2', text: 'Klicka på länken BMB.', target: 'bmb-link', check: { access: 'bmb.form.view' } },
      {
        label: '3',
        text: `Ny bild öppnas. Ange en ny förskrivare/beställare (användarnamn): ${TRAINING_COLLEAGUE.username}. Aktuell patient ligger förvald. Markera hjälpmedlet 10156 i rutan och skriv ett meddelande till mottagaren, till exempel "Skickar BMB enl. överenskommelse.". Klicka på Spara ändringarna.`,
        target: 'bmb-form',
        hint: `Fyll i användarnamnet ${TRAINING_COLLEAGUE.username}, markera minst ett hjälpmedel och klicka på Spara ändringarna.`,
        check: { audit: ['bmb.draft.saved'] },
      },
      { label: 'Spara ändringarna', text: 'När du klickat på Spara ändringarna är uppgifterna sparade och Verkställ-knappen kommer upp. Kontrollera sammanfattningen.', target: 'bmb-summary', check: { visited: '/skickade-bmb/' } },
      { label: 'Verkställ', text: 'När alla uppgifter är korrekta och sparade kan du klicka på Verkställ för att skicka BMB till mottagaren.', target: 'verkstall', check: { audit: ['bmb.sent'] } },
    ],
  },
  'kvittera-bmb': {
    key: 'kvittera-bmb',
    title: 'Kvittera BMB',
    description: `${TRAINING_COLLEAGUE.name} har skickat en BMB till dig. Ta emot den och välj betalare, steg för steg som i manualen.`,
    startPath: '/ovningslage',
    steps: [
      { label: 'Utgångsbild', text: 'Utgångsbild: Kvittera BMB (i blå listen). Inget meddelande talar om att du fått en BMB – gå själv in på Kvittera BMB.', target: 'menu-kvittera-bmb', check: { visited: '/kvittera-bmb' } },
      { label: '1', text: 'Här visas de betalningsansvar som skickats till dig. Du ser från vem BMB är skickad. Klicka på namnet så får du kontaktuppgifterna till den förskrivaren.', target: 'bmb-from', check: { visited: '/kvittera-bmb/kontaktkort/' } },
      { label: '2', text: 'Gå tillbaka till Kvittera BMB och klicka på datumet för att komma till bilden där du kan kvittera din BMB.', target: 'bmb-date', check: { access: 'bmb.answer.view' } },
      {
        label: '3',
        text: 'Välj Kund/leveransadress och Betalare. Markera om du godkänner övertagandet genom att klicka i Ja eller Nej. Du kan skriva ett meddelande till förskrivaren. Klicka därefter på Verkställ.',
        target: 'answer-form',
        hint: 'Välj Ja eller Nej under Godkänn. Svarar du Nej behöver du skriva ett meddelande.',
        check: { audit: ['bmb.accepted', 'bmb.rejected'] },
      },
      { label: '4', text: 'När BMB är verkställd är den kvitterad. På utgångsbilden finns ingen notering kvar under rubriken Överta betalningsansvar via BMB.', target: 'incoming-table', check: { visited: '/kvittera-bmb' } },
    ],
  },
  'bmb-mellan-patienter': {
    key: 'bmb-mellan-patienter',
    title: 'BMB mellan patienter',
    description: 'Undantaget: ett hjälpmedel går direkt till en annan patient. Regler och bekräftelser.',
    startPath: '/ovningslage',
    steps: [
      { label: '1', text: `Sök patienten ${TRAINING_PATIENT.personnummer} under Hjälpmedel (alla 12 siffror) och klicka på länken BMB.`, target: 'menu-hjalpmedel', hint: twelveDigits, check: { access: 'bmb.form.view' } },
      {
        label: '2',
        text: `Om du ska byta från en patient till en annan byter du personnummer under Ny mottagare: ${TRAINING_OTHER_PATIENT.personnummer}. Läs huvudregeln. Bekräfta att en individuell behovsbedömning är gjord och att hjälpmedlet är funktionsdugligt och inte bär smitta. Ange dig själv som förskrivare, markera hjälpmedlet och klicka på Spara ändringarna.`,
        target: 'bmb-form',
        hint: 'Vid BMB mellan patienter måste båda rutorna under BMB mellan patienter vara ikryssade.',
        check: { access: 'bmb.new-patient.lookup' },
      },
      { label: 'Verkställ', text: 'Kontrollera uppgifterna och klicka på Verkställ.', target: 'verkstall', check: { audit: ['bmb.sent'] } },
    ],
  },
  'nar-bmb-blir-last': {
    key: 'nar-bmb-blir-last',
    title: 'När BMB blir låst',
    description: 'Mottagaren har 7 dagar på sig att kvittera. Se vad som händer när tiden går ut, och be Länsservice låsa upp.',
    startPath: '/ovningslage',
    steps: [
      { label: '1', text: `Du har skickat en BMB till ${TRAINING_COLLEAGUE.username}. Öppna Skickade BMB och se hur många dagar som är kvar innan den låses.`, target: 'menu-skickade-bmb', check: { visited: '/skickade-bmb' } },
      { label: '2', text: 'Låt 7 dagar gå i övningen: klicka på Låt 7 dagar gå här i guiden.', target: 'move-clock', check: { clockMoved: true } },
      { label: '3', text: 'Öppna Kvittera BMB. Under Meddelanden, Ej besvarad BMB, syns de låsta BMB:erna – både den du skickat och den du fått men inte hann kvittera.', target: 'menu-kvittera-bmb', check: { visited: '/kvittera-bmb' } },
      { label: '4', text: 'Öppna din låsta BMB (klicka på datumet) och klicka på Begär upplåsning, så ber du Länsservice låsa upp den.', target: 'unlock-request', check: { audit: ['bmb.unlock-request.created'] } },
    ],
  },
};

export function isTrainingScenarioKey(value: string): value is TrainingScenarioKey {
  return (trainingScenarioKeys as readonly string[]).includes(value);
}

/**
 * How many runs one learner may start in a rolling hour (Starta and Börja om
 * alike). Every start copies a whole sandbox of fictional data, so without a
 * cap one person could fill the database (issue 15: 30 starts in 2 s made 30
 * sandboxes). Ten is well above honest use: the four scenarios, each restarted
 * once or twice, stay under it. The app counts `training_runs.started_at`, so
 * the cap holds across app instances and restarts.
 */
export const TRAINING_STARTS_PER_HOUR = 10;
export const TRAINING_START_WINDOW_MS = 60 * 60_000;

/** Whether one more start is allowed, given the learner's starts within the window. */
export function mayStartTraining(startsInWindow: number): boolean {
  return startsInWindow < TRAINING_STARTS_PER_HOUR;
}
