import type { Problem } from '../messages/catalogue';
import { isTrainingScenarioKey, trainingScenarios, type StepCheck, type TrainingScenario } from './scenarios';

/** What the learner has done in the sandbox since the current step began. */
export interface TrainingFacts {
  /** Paths visited (including the one being shown now). */
  visited: string[];
  accessActions: string[];
  auditActions: string[];
  clockMoved: boolean;
}

/** A visit check matches the path exactly, or any path below it when it ends in "/". */
export function checkHolds(check: StepCheck, facts: TrainingFacts): boolean {
  if ('visited' in check) {
    return facts.visited.some((p) => (check.visited.endsWith('/') ? p.startsWith(check.visited) : p === check.visited));
  }
  if ('access' in check) return facts.accessActions.includes(check.access);
  if ('audit' in check) return check.audit.some((a) => facts.auditActions.includes(a));
  return facts.clockMoved;
}

/** Whether the current step is done; the caller advances one step at a time and re-reads the facts. */
export function currentStepDone(scenario: TrainingScenario, step: number, facts: TrainingFacts): boolean {
  const current = scenario.steps[step];
  return current !== undefined && checkHolds(current.check, facts);
}

/**
 * "Requires Skicka BMB and Kvittera BMB before a real BMB": the scenarios the
 * person still has to complete, in the region's order (empty when none).
 */
export function missingRequiredTraining(
  person: { trainingRequired: boolean },
  required: readonly string[],
  completed: readonly string[],
): string[] {
  if (!person.trainingRequired) return [];
  return required.filter((key) => !completed.includes(key));
}

/** Why a person must train before a real BMB: the scenarios they lack, named as on Övningsläge. */
export function trainingRequiredProblem(missing: readonly string[], what: 'skicka' | 'kvittera'): Problem {
  const titles = missing.map((key) => (isTrainingScenarioKey(key) ? trainingScenarios[key].title : key));
  const scenarios = titles.length > 1 ? `${titles.slice(0, -1).join(', ')} och ${titles.at(-1)}` : (titles[0] ?? '');
  return { code: 'training.required', params: { what, scenarios, plural: titles.length > 1 ? 'yes' : '' } };
}
