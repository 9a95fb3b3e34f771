/**
 * The stored states of a BMB, mirrored by the `bmb_status` pgEnum in packages/db.
 * "Låst" is not stored: it is derived from time (see bmb-deadline.ts), so no job
 * has to run for a BMB to lock.
 */
export const bmbStatuses = ['draft', 'sent', 'accepted', 'rejected', 'discarded', 'unlocked'] as const;
export type BmbStatus = (typeof bmbStatuses)[number];

/** What a person sees: the stored state, with `sent` split into waiting and locked. */
export type BmbDisplayState = Exclude<BmbStatus, 'sent'> | 'waiting' | 'locked';

export const bmbDisplayLabels: Record<BmbDisplayState, string> = {
  draft: 'Utkast',
  waiting: 'Skickad',
  locked: 'Låst',
  accepted: 'Godkänd',
  rejected: 'Ej godkänd',
  discarded: 'Kasserad',
  unlocked: 'Upplåst',
};
