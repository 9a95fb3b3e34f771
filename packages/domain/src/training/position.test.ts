import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayAcknowledge, trainingPosition } from './position';
import { TRAINING_COLLEAGUE, TRAINING_OTHER_PATIENT, TRAINING_PATIENT } from './sandbox-people';
import { emptyTrainingState, type SandboxBmb, type TrainingState } from './sandbox-state';
import { trainingScenarios } from './scenarios';

const learner = 'k123ny';
const at = (minute: number) => new Date(Date.UTC(2026, 11, 6, 10, minute));
const skicka = trainingScenarios['skicka-bmb'];
const kvittera = trainingScenarios['kvittera-bmb'];
const label = (scenario: typeof skicka, state: TrainingState) =>
  scenario.steps[trainingPosition(scenario, state).step]?.label ?? 'klar';

const bmb = (over: Partial<SandboxBmb>): SandboxBmb => ({
  id: 'b1',
  status: 'draft',
  sender: learner,
  receiver: TRAINING_COLLEAGUE.username,
  fromPatient: TRAINING_PATIENT.personnummer,
  toPatient: TRAINING_PATIENT.personnummer,
  message: 'Skickar BMB enl. överenskommelse.',
  articles: ['10156'],
  needsAssessmentConfirmed: false,
  deviceSafeConfirmed: false,
  chosenPayer: null,
  locked: false,
  unlockRequested: false,
  ...over,
});

const state = (over: Partial<TrainingState>): TrainingState => ({
  ...emptyTrainingState(learner),
  ...over,
});
const visited = (...paths: string[]) => paths.map((path, i) => ({ path, at: at(i) }));

describe('Skicka BMB, judged on the sandbox', () => {
  it('walks the manual’s steps, and waits for Nästa on Spara ändringarna', () => {
    let s = state({});
    expect(label(skicka, s)).toBe('Utgångsbild');
    s = { ...s, visits: visited('/hjalpmedel') };
    expect(label(skicka, s)).toBe('1');
    s = { ...s, searched: [TRAINING_PATIENT.personnummer] };
    expect(label(skicka, s)).toBe('2');
    s = { ...s, formsOpened: [TRAINING_PATIENT.personnummer] };
    expect(label(skicka, s)).toBe('3');
    s = { ...s, bmbs: [bmb({})] };
    expect(label(skicka, s)).toBe('Spara ändringarna');
    expect(mayAcknowledge(skicka, s, 4)).toBe(true);
    expect(mayAcknowledge(skicka, s, 3)).toBe(false);
    s = { ...s, acknowledged: [4] };
    expect(label(skicka, s)).toBe('Verkställ');
    s = { ...s, bmbs: [bmb({ status: 'sent' })] };
    expect(trainingPosition(skicka, s)).toEqual({ step: 6, done: true, stuck: null, wrong: null });
  });

  it('names the other patient searched, and does not advance on it', () => {
    const s = state({
      visits: visited('/hjalpmedel'),
      searched: [TRAINING_OTHER_PATIENT.personnummer],
    });
    expect(trainingPosition(skicka, s)).toMatchObject({
      step: 1,
      wrong: `Du sökte på en annan patient (${TRAINING_OTHER_PATIENT.personnummer}) – sök ${TRAINING_PATIENT.personnummer}.`,
    });
    const opened = { ...s, formsOpened: [TRAINING_OTHER_PATIENT.personnummer] };
    expect(trainingPosition(skicka, opened).step).toBe(1);
  });

  it('names the wrong device, the missing message and the wrong receiver of a draft', () => {
    const base = state({
      visits: visited('/hjalpmedel'),
      searched: [TRAINING_PATIENT.personnummer],
      formsOpened: [TRAINING_PATIENT.personnummer],
    });
    expect(
      trainingPosition(skicka, { ...base, bmbs: [bmb({ articles: ['15014'] })] }),
    ).toMatchObject({
      step: 3,
      wrong: 'Markera 10156, inte 15014.',
    });
    expect(trainingPosition(skicka, { ...base, bmbs: [bmb({ message: ' ' })] }).wrong).toContain(
      'Skriv ett meddelande',
    );
    expect(trainingPosition(skicka, { ...base, bmbs: [bmb({ receiver: 'k200bo' })] }).wrong).toBe(
      'Ange k900lisa som ny förskrivare/beställare, inte k200bo.',
    );
  });

  it('goes back to step 3 when a saved draft is changed to the wrong device after Nästa', () => {
    const s = state({
      visits: visited('/hjalpmedel'),
      searched: [TRAINING_PATIENT.personnummer],
      formsOpened: [TRAINING_PATIENT.personnummer],
      bmbs: [bmb({ articles: ['10156', '15014'] })],
      acknowledged: [4],
    });
    expect(trainingPosition(skicka, s)).toMatchObject({
      step: 3,
      wrong: 'Markera bara 10156, inte 15014.',
    });
  });

  it('says a wrong BMB once sent cannot be finished from, and offers nothing else', () => {
    const s = state({ bmbs: [bmb({ status: 'sent', articles: ['15014'] })] });
    const position = trainingPosition(skicka, s);
    expect(position.done).toBe(false);
    expect(position.stuck).toContain('Markera 10156, inte 15014.');
    expect(position.stuck).toContain('Börja om');
  });

  const anyBmb = fc.record({
    status: fc.constantFrom<SandboxBmb['status']>('draft', 'sent', 'accepted', 'rejected'),
    receiver: fc.constantFrom(TRAINING_COLLEAGUE.username, 'k200bo', learner),
    toPatient: fc.constantFrom(TRAINING_PATIENT.personnummer, TRAINING_OTHER_PATIENT.personnummer),
    message: fc.constantFrom('', 'Hej'),
    articles: fc.subarray(['15749', '25800', '10156', '15014']),
  });
  const isRight = (b: {
    status: string;
    receiver: string;
    toPatient: string;
    message: string;
    articles: string[];
  }) =>
    b.status === 'sent' &&
    b.receiver === TRAINING_COLLEAGUE.username &&
    b.toPatient === TRAINING_PATIENT.personnummer &&
    b.message !== '' &&
    b.articles.length === 1 &&
    b.articles[0] === '10156';

  it('completes exactly when the right BMB was sent, whatever else happened before, in any order', () => {
    fc.assert(
      fc.property(
        fc.array(anyBmb, { maxLength: 5 }),
        fc.subarray([0, 1, 2, 3, 4, 5]),
        (bmbs, acknowledged) => {
          const s = state({
            visits: visited('/hjalpmedel'),
            searched: [TRAINING_PATIENT.personnummer],
            formsOpened: [TRAINING_PATIENT.personnummer],
            bmbs: bmbs.map((b, i) => bmb({ ...b, id: `b${i}` })),
            acknowledged,
          });
          expect(trainingPosition(skicka, s).done).toBe(bmbs.some(isRight));
        },
      ),
    );
  });
});

describe('Kvittera BMB, judged on the sandbox', () => {
  const incoming = (over: Partial<SandboxBmb>) =>
    bmb({ sender: TRAINING_COLLEAGUE.username, receiver: learner, status: 'sent', ...over });

  it('counts an answer given before the contact card was opened, then waits for Nästa on step 4', () => {
    const s = state({
      visits: visited('/kvittera-bmb', '/kvittera-bmb'),
      answerOpened: true,
      bmbs: [incoming({ status: 'accepted', chosenPayer: '4120' })],
    });
    expect(label(kvittera, s)).toBe('4');
    expect(trainingPosition(kvittera, { ...s, acknowledged: [4] }).done).toBe(true);
  });

  it('never completes on Nästa alone, and says a Nej cannot be finished from', () => {
    expect(
      trainingPosition(kvittera, state({ bmbs: [incoming({})], acknowledged: [0, 1, 2, 3, 4] }))
        .done,
    ).toBe(false);
    const rejected = trainingPosition(
      kvittera,
      state({ bmbs: [incoming({ status: 'rejected' })] }),
    );
    expect(rejected.stuck).toContain('Börja om');
  });
});

describe('BMB mellan patienter and När BMB blir låst', () => {
  it('ends with the learner answering their own BMB', () => {
    const scenario = trainingScenarios['bmb-mellan-patienter'];
    const own = bmb({
      receiver: learner,
      toPatient: TRAINING_OTHER_PATIENT.personnummer,
      needsAssessmentConfirmed: true,
      deviceSafeConfirmed: true,
      status: 'sent',
    });
    const s = state({ formsOpened: [TRAINING_PATIENT.personnummer], bmbs: [own] });
    expect(label(scenario, s)).toBe('Kvittera');
    expect(trainingPosition(scenario, { ...s, bmbs: [{ ...own, status: 'accepted' }] }).done).toBe(
      true,
    );
    expect(
      trainingPosition(scenario, {
        ...s,
        bmbs: [{ ...own, status: 'draft', deviceSafeConfirmed: false }],
      }).wrong,
    ).toBe('Kryssa i båda rutorna under BMB mellan patienter.');
  });

  it('counts a visit to Kvittera BMB only after the clock moved', () => {
    const scenario = trainingScenarios['nar-bmb-blir-last'];
    const s = state({ visits: visited('/skickade-bmb', '/kvittera-bmb'), clockMovedAt: at(5) });
    expect(label(scenario, s)).toBe('3');
    expect(
      label(scenario, { ...s, visits: [...s.visits, { path: '/kvittera-bmb', at: at(6) }] }),
    ).toBe('4');
  });
});
