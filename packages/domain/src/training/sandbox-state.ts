/**
 * What a training sandbox holds, as the guide judges it: read from the
 * sandbox's own rows (its BMBs, the access log, the trail) and the pages the
 * learner opened, never from which buttons were clicked. Every scenario step
 * is a statement about this (scenarios.ts), so any order of work that reaches
 * the goal advances, and wrong work never does.
 */
export interface SandboxBmb {
  id: string;
  status: 'draft' | 'sent' | 'accepted' | 'rejected' | 'unlocked';
  /** Usernames. */
  sender: string;
  receiver: string;
  /** Personnummer of the patient the devices leave, and of the one they go to. */
  fromPatient: string;
  toPatient: string;
  message: string;
  /** The article number of each device in it (e.g. "10156"), in list order. */
  articles: string[];
  needsAssessmentConfirmed: boolean;
  deviceSafeConfirmed: boolean;
  /** Code of the payer the receiver chose on Ja; null otherwise. */
  chosenPayer: string | null;
  /** Past the 7-day deadline without an answer (on the sandbox's clock). */
  locked: boolean;
  unlockRequested: boolean;
}

export interface TrainingState {
  /** The learner's username in the sandbox. */
  learner: string;
  /** Pages opened, oldest first, each with when. */
  visits: { path: string; at: Date }[];
  /** Personnummer of each patient searched under Hjälpmedel (patient.search), oldest first. */
  searched: string[];
  /** Personnummer of each patient whose BMB form was opened (bmb.form.view), oldest first. */
  formsOpened: string[];
  /** Whether an incoming BMB's answer page was opened (bmb.answer.view). */
  answerOpened: boolean;
  /** Every BMB in the sandbox that is not discarded, oldest first. */
  bmbs: SandboxBmb[];
  /** When "Låt 7 dagar gå" moved the sandbox's clock; null if it has not. */
  clockMovedAt: Date | null;
  /** Steps (by index) that only explain, whose "Nästa" the learner clicked. */
  acknowledged: number[];
}

export const emptyTrainingState = (learner: string): TrainingState => ({
  learner,
  visits: [],
  searched: [],
  formsOpened: [],
  answerOpened: false,
  bmbs: [],
  clockMovedAt: null,
  acknowledged: [],
});

/** A visit to `path` exactly, or below it when it ends in "/", at or after `since`. */
export function hasVisited(state: TrainingState, path: string, since?: Date | null): boolean {
  return state.visits.some(
    (v) =>
      (path.endsWith('/') ? v.path.startsWith(path) : v.path === path) && (!since || v.at >= since),
  );
}
