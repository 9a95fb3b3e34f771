import type { TrainingScenarioKey } from '../training/scenarios';

/**
 * Who acts. Every command, page and API call is done by one of these, and the
 * access rules (`may`, `checkAdmin`, `canSeeIndividCard`) are asked about one.
 */

/** A person signed in through SSO: a prescriber, Länsservice, or a learner inside a training sandbox. */
export interface PersonActor {
  kind: 'person';
  /** The workspace acted in: production, or the learner's sandbox in Övningsläge. */
  workspaceId: string;
  /** The prescriber acted as, in that workspace. */
  prescriberId: string;
  username: string;
  name: string;
  role: 'prescriber' | 'admin';
  /** The care unit (default payer) the person acts for; recorded in the access log. */
  careUnitId: string | null;
  /** The person in the production workspace: whose training it is, whose requirements count. */
  identity: {
    workspaceId: string;
    prescriberId: string;
    role: 'prescriber' | 'admin';
    trainingRequired: boolean;
  };
  training: { runId: string; scenario: TrainingScenarioKey; sandboxWorkspaceId: string } | null;
}

/** The scopes a machine client (the region's stock system) may be granted. */
export const MACHINE_SCOPES = ['masterdata:write', 'events:read', 'bmbs:read'] as const;
export type MachineScope = (typeof MACHINE_SCOPES)[number];

/** A machine client with a verified bearer token: never in a training workspace. */
export interface MachineActor {
  kind: 'machine';
  clientId: string;
  workspaceId: string;
  scopes: readonly MachineScope[];
}

export type Actor = PersonActor | MachineActor;

/** The parts of a person the access rules look at. */
export type Principal = Pick<PersonActor, 'workspaceId' | 'prescriberId' | 'role'>;
