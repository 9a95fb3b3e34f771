import type { TrainingScenario } from '../scenarios';
import { TRAINING_COLLEAGUE } from '../sandbox-people';
import { hasVisited, type SandboxBmb, type TrainingState } from '../sandbox-state';

/** The BMB the colleague sent the learner when the sandbox was made. */
const fromColleague = (s: TrainingState): SandboxBmb | undefined =>
  s.bmbs.find((b) => b.sender === TRAINING_COLLEAGUE.username && b.receiver === s.learner);

export const kvitteraBmb: TrainingScenario = {
  key: 'kvittera-bmb',
  title: 'Kvittera BMB',
  description: `${TRAINING_COLLEAGUE.name} har skickat en BMB till dig. Ta emot den och välj betalare, steg för steg som i manualen.`,
  startPath: '/ovningslage',
  steps: [
    {
      label: 'Utgångsbild',
      text: 'Utgångsbild: Kvittera BMB (i blå listen). I webSesam talar inget meddelande om att du fått en BMB. Här i BMB visar menyn i stället ett märke med hur många som väntar – en förbättring mot manualen. Klicka på Kvittera BMB i menyn.',
      manual: [
        'Inget meddelande talar om att du fått en BMB, du måste själv gå in på länken **Kvittera BMB** för att se dina BMB-kvittenser.',
        'Utgångsbild: Kvittera BMB (i blå listen)',
      ],
      target: 'menu-kvittera-bmb',
      goal: (s) => hasVisited(s, '/kvittera-bmb') || hasVisited(s, '/kvittera-bmb/'),
    },
    {
      label: '1',
      text: `När du klickar på Kvittera BMB visas de betalningsansvar som skickats till dig. Du ser från vem BMB är skickad. Klicka på namnet (${TRAINING_COLLEAGUE.username}) så får du kontaktuppgifterna till den förskrivaren.`,
      manual: [
        '1. När du klickar på **Kvittera BMB**, visas de betalningsansvar som skickats till dig.',
        'Du ser från vem BMB är skickad. Klicka på namnet och du får kontaktuppgifterna till den förskrivaren.',
      ],
      target: 'bmb-from',
      goal: (s) => hasVisited(s, '/kvittera-bmb/kontaktkort/'),
    },
    {
      label: '2',
      text: 'Gå tillbaka till Kvittera BMB och klicka på ankomstdatumet (kolumnen Datum) för att komma till bilden där du kan kvittera din BMB.',
      manual: [
        '2. Klicka på **ankomstdatum** för att komma till bilden där du kan kvittera din BMB.',
      ],
      target: 'bmb-date',
      goal: (s) => s.answerOpened,
    },
    {
      label: '3',
      text: 'Nytt fönster öppnas. Välj Kund/leveransadress och Betalare. Markera att du godkänner övertagandet genom att klicka i Ja. Du kan skriva ett meddelande till förskrivaren. Klicka därefter på Verkställ för att kvittera (Avbryt tar dig tillbaka utan att något ändras).',
      manual: [
        '3. Nytt fönster öppnas:',
        '- Välj **Kund/leveransadress** och **Betalare**',
        '- Markera om du godkänner övertagandet eller inte genom att klicka i ringen "Ja" eller "Nej".',
        '- Klicka därefter på **Verkställ** för att kvittera eller på **Avbryt** om du vill gå tillbaka till föregående bild utan att uppdatera några uppgifter.',
      ],
      target: 'answer-form',
      goal: (s) => {
        const bmb = fromColleague(s);
        return bmb?.status === 'accepted' && bmb.chosenPayer !== null;
      },
      hint: 'Välj Kund/leveransadress och Betalare, klicka i Ja under Godkänn och klicka på Verkställ.',
    },
    {
      label: '4',
      text: 'När BMB är verkställd är den kvitterad och godkänd. På utgångsbilden, som du kommer tillbaka till, finns ingen notering kvar under rubriken Överta betalningsansvar via BMB. Se efter, och klicka sedan på Nästa här i guiden.',
      manual: [
        '4. När BMB är verkställd är den kvitterad och godkänd.',
        'På utgångsbilden, som du kommer tillbaka till, finns ingen notering kvar under rubriken: **Överta betalningsansvar via BMB**',
      ],
      target: 'incoming-table',
      goal: 'read',
    },
  ],
  stuck(s) {
    const bmb = fromColleague(s);
    if (bmb?.status === 'rejected')
      return `Du svarade Nej, så BMB:n gick tillbaka till ${TRAINING_COLLEAGUE.name} och hjälpmedlet blev kvar hos henne. I den här övningen tar du emot hjälpmedlet: klicka på Börja om och svara Ja.`;
    if (bmb?.status === 'unlocked' || bmb?.locked)
      return 'BMB:n har låsts och kan inte kvitteras längre. Klicka på Börja om.';
    return null;
  },
};
