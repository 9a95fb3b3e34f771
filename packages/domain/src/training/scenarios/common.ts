import { TRAINING_PATIENT } from '../sandbox-people';
import type { SandboxBmb, TrainingState } from '../sandbox-state';

/** Wrong patient searched: the last search was not the scenario's patient. */
export function otherPatientSearched(
  state: TrainingState,
  wanted = TRAINING_PATIENT.personnummer,
): string | null {
  const last = state.searched.at(-1);
  return last && last !== wanted ? `Du sökte på en annan patient (${last}) – sök ${wanted}.` : null;
}

/** The BMB form opened for another patient than the scenario's. */
export function formOfOtherPatient(
  state: TrainingState,
  wanted = TRAINING_PATIENT.personnummer,
): string | null {
  const last = state.formsOpened.at(-1);
  return last && last !== wanted
    ? `Du öppnade BMB-bilden för en annan patient (${last}). Sök ${wanted} och klicka på länken BMB.`
    : null;
}

/** How the devices of a BMB differ from exactly `wanted`, in words ("Markera 10156, inte 15014."). */
export function devicesDiffer(bmb: SandboxBmb, wanted: string): string | null {
  const extra = bmb.articles.filter((a) => a !== wanted);
  const has = bmb.articles.includes(wanted);
  if (has && extra.length === 0) return null;
  if (extra.length === 0) return `Markera ${wanted}.`;
  return has
    ? `Markera bara ${wanted}, inte ${extra.join(', ')}.`
    : `Markera ${wanted}, inte ${extra.join(', ')}.`;
}

/** The learner's newest BMB matching `where`, or undefined. */
export function newestOf(
  state: TrainingState,
  where: (bmb: SandboxBmb) => boolean,
): SandboxBmb | undefined {
  return state.bmbs.filter(where).at(-1);
}

/** The differences joined into one hint; null when there are none. */
export const joined = (problems: (string | null)[]): string | null =>
  problems.filter(Boolean).join(' ') || null;
