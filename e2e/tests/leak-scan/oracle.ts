// The seed itself, not a copy: when the demo data changes, the scan's idea of
// who may see whom changes with it. (Relative imports: e2e depends on @bmb/db,
// whose package exports do not include the raw demo data.)
import { demoHistoricBmbs, demoLoans, demoPatients } from '../../../packages/db/src/seed/demo-data';
import { demoId } from '../../../packages/db/src/seed/demo-id';
import {
  TRAINING_OTHER_PATIENT,
  TRAINING_PATIENT,
} from '../../../packages/domain/src/training/sandbox-people';
import type { Person } from './patterns';

/**
 * Who may see which patient (DESIGN.md, rules 8, 9 and 11), as the scan
 * enforces it:
 *
 * - A prescriber may see the patients whose devices they hold or have held,
 *   and the patients of the BMBs they sent or received. Nothing else, except:
 * - their own search: a personnummer typed into Hjälpmedel shows that patient's
 *   name and devices, whoever holds them. DESIGN.md makes the search open to
 *   every prescriber (a BMB may name any patient as the new receiver) and makes
 *   the access log the control (rule 8: every lookup is logged). So the patient
 *   may appear in the search's own answer and in the pages opened from it (the
 *   patient's Hjälpmedel page, its BMB form and that form's answer), and the
 *   scan checks the lookup is in the access log. The individkort of those
 *   devices stays closed to a non-holder: the search opens the patient, not the
 *   devices' history.
 * - Länsservice (admin) may see every patient of the production workspace
 *   (locks, the Logg, every individkort).
 * - Nobody outside a training run sees training-only data (rule 9), and a
 *   learner in a run sees only the sandbox's fictional patients.
 */
/**
 * UI copy that quotes the manual's example number (Skatteverket's test
 * personnummer) as a format hint: text, not a patient record. Taken out of
 * every body before the scan; only these exact phrases.
 */
export const exampleCopy = ['till exempel 191212121212'];

export const productionPatients: Person[] = demoPatients.map(({ personnummer, name }) => ({
  personnummer,
  name,
}));
/** In every sandbox only; 191212121212 is in both (the manual's patient). */
export const trainingOnlyPatients: Person[] = [TRAINING_OTHER_PATIENT];
export const trainingPatients: Person[] = [TRAINING_PATIENT, TRAINING_OTHER_PATIENT];
/** A valid personnummer of nobody in BMB, to see what an unknown search gives away. */
export const nobody: Person = { personnummer: '199001019802', name: 'Ingen, Alls' };

export const everyone: Person[] = [...productionPatients, ...trainingOnlyPatients];

/** Every individ number of the demo region (the sandbox reuses the manual's three). */
export const individNumbers: string[] = [
  ...new Set(demoLoans.flatMap((l) => (l.individNo ? [l.individNo] : []))),
];

/** The seeded BMBs' ids (the seed derives them from their keys). */
export const seededBmbIds: string[] = demoHistoricBmbs.map((b) => demoId('bmb', b.key));

const byPersonnummer = (pnr: string) => productionPatients.find((p) => p.personnummer === pnr)!;

/** The patients a prescriber is entitled to by the seed: devices held (all loans are current in the seed) and BMBs. */
export function seedEntitlement(username: string): Person[] {
  const pnrs = new Set<string>([
    ...demoLoans.filter((l) => l.prescriber === username).map((l) => l.personnummer),
    ...demoHistoricBmbs
      .filter((b) => b.sender === username || b.receiver === username)
      .map((b) => b.personnummer),
  ]);
  return [...pnrs].map(byPersonnummer);
}

export type ScanRole = 'k100ana' | 'k200bo' | 'admin' | 'k300ny' | 'k300ny-in-training';

/** Who the role may see without searching. */
export function baseEntitlement(role: ScanRole): Person[] {
  if (role === 'admin') return productionPatients;
  if (role === 'k300ny-in-training') return trainingPatients;
  return seedEntitlement(role);
}
