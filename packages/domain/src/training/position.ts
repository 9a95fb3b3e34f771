import type { TrainingState } from './sandbox-state';
import type { TrainingScenario } from './scenarios';

/** Where a learner is in a scenario, judged on the sandbox alone. */
export interface TrainingPosition {
  /** Index of the current step; equals the number of steps when done. */
  step: number;
  done: boolean;
  /** Why the sandbox can no longer reach the goal (the guide offers Börja om); null while it can. */
  stuck: string | null;
  /** What is wrong in the current step's work, named; null when nothing is. */
  wrong: string | null;
}

/**
 * The current step is the one after the furthest step whose goal holds: work
 * done in another order than the manual's still counts (a learner who answers
 * before looking at the sender's contact card is past both), and a goal that
 * stops holding (a draft changed to the wrong device) takes the learner back
 * to it. A step that only explains counts once its "Nästa" was clicked, and
 * only while the step before it holds. The scenario is done when its last
 * step is, so it cannot be completed without the right work.
 */
export function trainingPosition(
  scenario: TrainingScenario,
  state: TrainingState,
): TrainingPosition {
  const holds: boolean[] = [];
  scenario.steps.forEach((step, i) => {
    holds[i] =
      step.goal === 'read'
        ? state.acknowledged.includes(i) && (i === 0 || holds[i - 1] === true)
        : step.goal(state);
  });
  const step = holds.lastIndexOf(true) + 1;
  const done = step === scenario.steps.length;
  const stuck = done ? null : (scenario.stuck?.(state) ?? null);
  const wrong = done || stuck ? null : (scenario.steps[step]!.wrong?.(state) ?? null);
  return { step, done, stuck, wrong };
}

/** "Nästa" is offered only on a step that explains, when it is the current one. */
export function mayAcknowledge(
  scenario: TrainingScenario,
  state: TrainingState,
  step: number,
): boolean {
  const position = trainingPosition(scenario, state);
  return !position.done && position.step === step && scenario.steps[step]?.goal === 'read';
}
