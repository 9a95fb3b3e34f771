import 'server-only';
import { messageText, trainingRequiredProblem } from '@bmb/domain';

/** The region's rule for new staff lives with the commands that apply it; pages show it too. */
export { missingTrainingFor } from '@bmb/commands';

export function trainingRequiredMessage(missing: string[], what: 'skicka' | 'kvittera'): string {
  return messageText(trainingRequiredProblem(missing, what));
}
