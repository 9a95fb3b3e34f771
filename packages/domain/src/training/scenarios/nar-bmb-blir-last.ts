import type { TrainingScenario } from '../scenarios';
import { TRAINING_COLLEAGUE } from '../sandbox-people';
import { hasVisited } from '../sandbox-state';

export const narBmbBlirLast: TrainingScenario = {
  key: 'nar-bmb-blir-last',
  title: 'När BMB blir låst',
  description:
    'Mottagaren har 7 dagar på sig att kvittera. Se vad som händer när tiden går ut, och be Länsservice låsa upp.',
  startPath: '/ovningslage',
  steps: [
    {
      label: '1',
      text: `Du har skickat en BMB till ${TRAINING_COLLEAGUE.username}. Öppna Skickade BMB och se hur många dagar som är kvar innan den låses.`,
      target: 'menu-skickade-bmb',
      goal: (s) => hasVisited(s, '/skickade-bmb'),
    },
    {
      label: '2',
      text: 'Låt 7 dagar gå i övningen: klicka på Låt 7 dagar gå här i guiden.',
      target: 'move-clock',
      goal: (s) => s.clockMovedAt !== null,
    },
    {
      label: '3',
      text: 'Öppna Kvittera BMB. Under Meddelanden, Ej besvarad BMB, syns de låsta BMB:erna – både den du skickat och den du fått men inte hann kvittera.',
      target: 'menu-kvittera-bmb',
      goal: (s) => hasVisited(s, '/kvittera-bmb', s.clockMovedAt),
    },
    {
      label: '4',
      text: 'Öppna din låsta BMB (klicka på datumet) och klicka på Begär upplåsning, så ber du Länsservice låsa upp den.',
      target: 'unlock-request',
      goal: (s) => s.bmbs.some((b) => b.sender === s.learner && b.unlockRequested),
    },
  ],
};
