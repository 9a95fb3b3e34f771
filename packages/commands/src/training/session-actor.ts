import type { PersonActor } from '@bmb/domain';

/**
 * Training moves a person's session into a sandbox and back, so its commands
 * need the session they act on as well as the person.
 */
export type SessionActor = PersonActor & { sessionToken: string };
