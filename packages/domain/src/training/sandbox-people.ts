/** The fictional people and patients of every sandbox (see packages/db, training sandbox). */
export const TRAINING_COLLEAGUE = { username: 'k900lisa', name: 'Lisa Handledare' } as const;
export const TRAINING_PATIENT = {
  personnummer: '191212121212',
  name: 'Svensson, Testare',
} as const;
export const TRAINING_OTHER_PATIENT = {
  personnummer: '191111119812',
  name: 'Testsson, Greta',
} as const;
/** A second colleague, who sends the learner a BMB in "När BMB blir låst". */
export const TRAINING_OTHER_COLLEAGUE = { username: 'k901olle', name: 'Olle Övningsson' } as const;

export const TWELVE_DIGITS_HINT =
  'Skriv in personnumret med alla 12 siffror, till exempel 191212121212, och klicka på Sök.';
