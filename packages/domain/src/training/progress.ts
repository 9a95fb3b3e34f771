import type { Problem } from '../messages/catalogue';
import { isTrainingScenarioKey, trainingScenarios } from './scenarios';

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
export function trainingRequiredProblem(
  missing: readonly string[],
  what: 'skicka' | 'kvittera',
): Problem {
  const titles = missing.map((key) =>
    isTrainingScenarioKey(key) ? trainingScenarios[key].title : key,
  );
  const scenarios =
    titles.length > 1
      ? `${titles.slice(0, -1).join(', ')} och ${titles.at(-1)}`
      : (titles[0] ?? '');
  return {
    code: 'training.required',
    params: { what, scenarios, plural: titles.length > 1 ? 'yes' : '' },
  };
}
