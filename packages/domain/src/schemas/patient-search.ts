import { z } from 'zod';
import { personnummerField } from './personnummer-field';

/** Hjälpmedel, step 1: "Skriv in aktuell patients personnummer med alla 12 siffror." */
export const patientSearchSchema = z.object({
  personnummer: personnummerField,
});
export type PatientSearchInput = z.input<typeof patientSearchSchema>;
