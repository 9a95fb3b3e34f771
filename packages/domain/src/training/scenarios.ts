import { bmbMellanPatienter } from './scenarios/bmb-mellan-patienter';
import { kvitteraBmb } from './scenarios/kvittera-bmb';
import { narBmbBlirLast } from './scenarios/nar-bmb-blir-last';
import { skickaBmb } from './scenarios/skicka-bmb';
import type { TrainingState } from './sandbox-state';

/**
 * Övningsläge: the manual's numbered steps as training scenarios, in its own
 * numbering and words. A step is a statement about the learner's sandbox
 * (sandbox-state.ts) that must hold for it to be done, or, for a step that
 * only explains, the learner's "Nästa". Where the learner's work differs from
 * the step's goal, the step names the difference; where the sandbox can no
 * longer reach the goal, the scenario says why, and the guide offers Börja om.
 */
export interface TrainingStep {
  /** The manual's numbering: "Utgångsbild", "1", "2", "3", "Spara ändringarna", "Verkställ". */
  label: string;
  /** What to do, in the manual's words. */
  text: string;
  /**
   * The manual's own lines for this step, verbatim and in order (held against
   * the manual by a test, which writes the side-by-side table in docs/training.md).
   * Absent in scenarios the manual has no numbered steps for.
   */
  manual?: string[];
  /** The element to use: `data-guide` of it on the page (the manual's red circle). */
  target: string;
  /** What must be true of the sandbox; `read`: the step explains, and waits for "Nästa". */
  goal: ((state: TrainingState) => boolean) | 'read';
  /** What is wrong in the learner's work for this step, named; null when nothing is. */
  wrong?: (state: TrainingState) => string | null;
  /** Said when BMB refused what the learner tried in this step. */
  hint?: string;
}

export interface TrainingScenario {
  key: TrainingScenarioKey;
  title: string;
  description: string;
  /** Where the run starts. */
  startPath: string;
  steps: TrainingStep[];
  /** Why the sandbox can no longer reach the goal (offer Börja om); null while it can. */
  stuck?: (state: TrainingState) => string | null;
}

export const trainingScenarioKeys = [
  'skicka-bmb',
  'kvittera-bmb',
  'bmb-mellan-patienter',
  'nar-bmb-blir-last',
] as const;
export type TrainingScenarioKey = (typeof trainingScenarioKeys)[number];

export const trainingScenarios: Record<TrainingScenarioKey, TrainingScenario> = {
  'skicka-bmb': skickaBmb,
  'kvittera-bmb': kvitteraBmb,
  'bmb-mellan-patienter': bmbMellanPatienter,
  'nar-bmb-blir-last': narBmbBlirLast,
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
