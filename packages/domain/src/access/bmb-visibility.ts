import type { Principal } from './admin-scope';

/**
 * Who may open a BMB's page: its sender always; once sent, its receiver and
 * Länsservice. A draft is its sender's alone until Verkställ: the receiver it
 * names has not been sent anything yet (issue 15, item 13).
 */
export function maySeeBmb(
  viewer: Pick<Principal, 'prescriberId' | 'role'>,
  bmb: { senderId: string; receiverId: string; status: string },
): boolean {
  if (bmb.senderId === viewer.prescriberId) return true;
  if (bmb.status === 'draft') return false;
  return bmb.receiverId === viewer.prescriberId || viewer.role === 'admin';
}
