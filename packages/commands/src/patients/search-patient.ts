import {
  fieldProblemsOf,
  patientSearchSchema,
  type PatientSearchInput,
  type PersonActor,
} from '@bmb/domain';
import { defineCommand } from '../command';
import { done, invalid, refusal, type Untrusted } from '../result';
import { lookUpPatient } from './look-up-patient';

/**
 * Hjälpmedel, step 1: find the patient by personnummer (limited and logged:
 * look-up-patient.ts). Answers the patient's opaque id, which addresses the
 * patient's page: the number itself never goes into a URL.
 */
export const searchPatient = defineCommand(
  'patient.search',
  { teachesInTraining: true },
  async (deps, actor: PersonActor, input: Untrusted<PatientSearchInput>) => {
    const parsed = patientSearchSchema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors = fieldProblemsOf(parsed.error);
      return invalid(fieldErrors, fieldErrors.personnummer?.[0]);
    }
    const lookup = await lookUpPatient(deps, actor, parsed.data.personnummer, 'patient.search');
    if (!lookup.ok) return lookup;
    if (!lookup.value)
      return refusal('no-match', 'patient.no-such-personnummer', {
        personnummer: ['patient.no-such-personnummer'],
      });
    return done({ patientId: lookup.value.id });
  },
);
