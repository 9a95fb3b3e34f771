import { regionId } from './ids';
import {
  BUSY_RECEIVER_USERNAME,
  TEN_LOAN_SLOT,
  holderOfTs,
  layout,
  unitOfLoanTs,
  usernameOfTs,
} from './layout';
import { regionPlan } from './plan';
import { FIRST_INDIVID_NO } from './units';

/** Well-known rows of a generated region, for benchmarks and tests to find without searching. */
export interface RegionFixtures {
  scale: number;
  /** Prescriber with exactly `busyReceiverWaiting` waiting (sent, not locked) BMBs, and no locked ones. */
  busyReceiverUsername: string;
  busyReceiverId: string;
  busyReceiverWaiting: number;
  /** A patient with exactly ten current loans (none returned); ten rows in Hjälpmedel. */
  tenLoanPatientId: string;
  /** The prescriber who holds that patient's loans. */
  tenLoanPatientHolderUsername: string;
  /** An individ with history: a returned loan and a current one, with two patients. */
  individWithHistory: string;
}

/** The fixtures of a region generated at `scale`. */
export function regionFixtures(scale: number): RegionFixtures {
  const plan = regionPlan(scale);
  // In the first cycle, so that the id is the same at every scale.
  const tenLoanPatient = TEN_LOAN_SLOT;
  let returned = 0;
  while (!layout.isReturned(returned)) returned++;
  return {
    scale,
    busyReceiverUsername: BUSY_RECEIVER_USERNAME,
    busyReceiverId: regionId('prescriber', 0),
    busyReceiverWaiting: plan.busyWaiting,
    tenLoanPatientId: regionId('patient', tenLoanPatient),
    tenLoanPatientHolderUsername: usernameOfTs(holderOfTs(plan, tenLoanPatient)),
    individWithHistory: String(FIRST_INDIVID_NO + unitOfLoanTs(plan, returned)),
  };
}

/**
 * The fixtures at scale 1 (issue 9's region: `pnpm db:seed:region`). The busy
 * receiver's username and id and the ten-loan patient's id are the same at
 * every scale; the counts are not: use `regionFixtures(scale)` for another.
 */
export const REGION_FIXTURES: RegionFixtures = regionFixtures(1);
