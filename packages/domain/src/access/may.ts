import type { Actor, PersonActor } from './actor';

/**
 * One access vocabulary: what an actor may do with a BMB. Pages ask it before
 * they show a BMB, commands before they change one, the API before it answers.
 * It answers who, never when: whether the BMB is still a draft, still waiting
 * or locked is the lifecycle's business (`transition`), and a refusal there is
 * a conflict, not a denial.
 */
export type BmbAct =
  /** Open its page. */
  | 'view'
  /** Change the draft, send it (Verkställ) or throw it away. */
  | 'edit-draft'
  /** Answer it, Ja or Nej (Kvittera BMB). */
  | 'answer'
  /** Ask Länsservice to unlock it (Begär upplåsning). */
  | 'request-unlock'
  /** Unlock it, or answer a request to (Länsservice). */
  | 'unlock';

export interface BmbParties {
  senderId: string;
  receiverId: string;
  status: string;
}

type Who = Pick<PersonActor, 'prescriberId' | 'role'> & { kind?: PersonActor['kind'] };

export function may(actor: Who | Actor, act: BmbAct, bmb: BmbParties): boolean {
  if (actor.kind === 'machine')
    return act === 'view' && bmb.status !== 'draft' && actor.scopes.includes('bmbs:read');
  const isSender = bmb.senderId === actor.prescriberId;
  switch (act) {
    case 'view':
      // A draft is its sender's alone until Verkställ: the receiver it names has not been sent anything yet.
      if (isSender) return true;
      if (bmb.status === 'draft') return false;
      return bmb.receiverId === actor.prescriberId || actor.role === 'admin';
    case 'edit-draft':
    case 'request-unlock':
      return isSender;
    case 'answer':
      return bmb.receiverId === actor.prescriberId && bmb.status !== 'draft';
    case 'unlock':
      return actor.role === 'admin';
  }
}

/** Who may open a BMB's page: `may(viewer, 'view', bmb)`. */
export const maySeeBmb = (viewer: Who, bmb: BmbParties): boolean => may(viewer, 'view', bmb);
