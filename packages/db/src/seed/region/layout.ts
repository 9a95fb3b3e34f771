import { LOANS_PER_CYCLE, PATIENTS_PER_CYCLE, type RegionPlan } from './plan';

/**
 * Who holds what, as arithmetic on row numbers. Every phase derives its rows
 * from these functions (in SQL), so that no phase has to read back what another
 * wrote, and the whole region is a pure function of the scale (times, of the
 * anchor too).
 *
 * Patients come in cycles of 100 with 200 loans between them: a few have none,
 * most one to three, some up to six, and one in each cycle exactly ten (the
 * benchmark's "patient with ten loans"). A patient's loans are consecutive loan
 * numbers, positions 1, 2, 3 … in their Hjälpmedel list.
 */

/** How many loans each of the 100 patients of a cycle holds, in cycle order. */
export const LOANS_PER_PATIENT: readonly number[] = (() => {
  const sorted = [
    ...Array<number>(8).fill(0),
    ...Array<number>(40).fill(1),
    ...Array<number>(26).fill(2),
    ...Array<number>(12).fill(3),
    ...Array<number>(6).fill(4),
    ...Array<number>(4).fill(5),
    ...Array<number>(3).fill(6),
    10,
  ];
  // Spread the sizes through the cycle (37 is coprime with 100: a permutation).
  const counts = Array<number>(PATIENTS_PER_CYCLE).fill(0);
  sorted.forEach((count, i) => (counts[(i * 37) % PATIENTS_PER_CYCLE] = count));
  return counts;
})();

if (LOANS_PER_PATIENT.reduce((a, b) => a + b, 0) !== LOANS_PER_CYCLE)
  throw new Error('cycle must hold 200 loans');

/** For each loan of the cycle: its patient's slot and its position in that patient's list. */
const PATIENT_SLOT: readonly number[] = LOANS_PER_PATIENT.flatMap((count, slot) =>
  Array<number>(count).fill(slot),
);
const POSITION: readonly number[] = LOANS_PER_PATIENT.flatMap((count) =>
  Array.from({ length: count }, (_, i) => i + 1),
);

/**
 * Returned loans (the device went back to Länsservice): one in twenty, never one
 * of a ten-loan patient, whose ten must all be current. Always an individ loan
 * (loan number ≡ 2 mod 4, see below), so that the device can be lent again.
 */
const RETURNED: readonly boolean[] = PATIENT_SLOT.map(
  (slot, r) => r % 20 === 14 && LOANS_PER_PATIENT[slot]! < 10,
);

const intArray = (values: readonly number[]) => `('{${values.join(',')}}'::int[])`;
const boolArray = (values: readonly boolean[]) =>
  `('{${values.map((v) => (v ? 't' : 'f')).join(',')}}'::boolean[])`;

/** The slot (0–99) in its cycle of the ten-loan patient. */
export const TEN_LOAN_SLOT = LOANS_PER_PATIENT.indexOf(10);

/** Loan g → patient number. */
export const patientOfLoan = (g: string) =>
  `((${g}) / ${LOANS_PER_CYCLE} * ${PATIENTS_PER_CYCLE} + ${intArray(PATIENT_SLOT)}[1 + (${g}) % ${LOANS_PER_CYCLE}])`;

/** Loan g → Pos in the patient's list. */
export const positionOfLoan = (g: string) =>
  `${intArray(POSITION)}[1 + (${g}) % ${LOANS_PER_CYCLE}]`;

/** Loan g → whether it has been returned. */
export const isReturned = (g: string) => `${boolArray(RETURNED)}[1 + (${g}) % ${LOANS_PER_CYCLE}]`;

/** Three loans in four are individer (serial-numbered); loan numbers ≡ 0 mod 4 are not. */
export const isIndivid = (g: string) => `((${g}) % 4 <> 0)`;

/** TypeScript twins of the above, for fixtures and tests. */
export const layout = {
  patientOfLoan: (g: number) =>
    Math.floor(g / LOANS_PER_CYCLE) * PATIENTS_PER_CYCLE + PATIENT_SLOT[g % LOANS_PER_CYCLE]!,
  isReturned: (g: number) => RETURNED[g % LOANS_PER_CYCLE]!,
};

/**
 * Individ number k of an individ loan: its own, numbered in loan order. A
 * returned loan's device was lent again: it carries the individ of a current
 * loan half the table away (an odd loan ≡ 3 mod 4, so an individ that is never
 * returned), which then has two loans in its history; its own number stays in
 * stock, unlent.
 */
export function unitOfLoan(plan: RegionPlan, g: string): string {
  const own = (x: string) => `(3 * ((${x}) / 4) + (${x}) % 4 - 1)`;
  // loans/2 is a multiple of 4, so the shift turns ≡ 2 mod 4 into ≡ 3 mod 4.
  const lentAgain = `(((${g}) + ${plan.loans / 2 + 1}) % ${plan.loans})`;
  return `(case when ${isReturned(g)} then ${own(lentAgain)} else ${own(g)} end)`;
}

/** TypeScript twin: the individ of loan g. */
export function unitOfLoanTs(plan: RegionPlan, g: number): number {
  const own = (x: number) => 3 * Math.floor(x / 4) + (x % 4) - 1;
  return layout.isReturned(g) ? own((g + plan.loans / 2 + 1) % plan.loans) : own(g);
}

/** Individ k → its article (one of the individually tracked ones). */
export const articleOfUnit = (plan: RegionPlan, k: string) =>
  `((${k}) * 7919 % ${plan.individualArticles})`;

/** A non-individ loan g → its article (one of the others). */
export const articleOfPlainLoan = (plan: RegionPlan, g: string) =>
  `(${plan.individualArticles} + ((${g}) / 4) * 13 % ${plan.articles - plan.individualArticles})`;

/**
 * Patient n → the prescriber who holds all their devices. Prescriber 0 is the
 * busy receiver, who holds none: it only receives.
 */
export const holderOf = (plan: RegionPlan, n: string) => `(1 + (${n}) % ${plan.prescribers - 1})`;
export const holderOfTs = (plan: RegionPlan, n: number) => 1 + (n % (plan.prescribers - 1));

/** Prescriber p → their home care unit (default payer and delivery address). */
export const homeUnitOf = (plan: RegionPlan, p: string) => `((${p}) % ${plan.careUnits})`;

/** Prescribers who have left the region (about 2 %): they hold devices but receive no new BMB. */
export const isInactive = (plan: RegionPlan, p: string) =>
  `((${p}) % 50 = 25 and (${p}) <> ${plan.prescribers - 1})`;

/** Usernames: the busy receiver's is well known; the others are r000001 … */
export const BUSY_RECEIVER_USERNAME = 'k9busy';
export const usernameOf = (p: string) =>
  `(case when (${p}) = 0 then '${BUSY_RECEIVER_USERNAME}' else 'r' || lpad((${p})::text, 6, '0') end)`;
export const usernameOfTs = (p: number) =>
  p === 0 ? BUSY_RECEIVER_USERNAME : `r${String(p).padStart(6, '0')}`;
