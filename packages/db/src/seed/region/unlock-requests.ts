import { regionIdSql, regionNumberSql } from './ids';
import { UNLOCK_MESSAGES, pickSql } from './names';
import { openBmbNumber } from './open-bmbs';
import type { Phase } from './phase';

/**
 * "Begär upplåsning": the sender of one locked BMB in three has asked
 * Länsservice to unlock it, a few hours after it locked. They wait, open, in
 * Admin → Låsta BMB.
 */
export const unlockRequestsPhase: Phase = {
  name: 'unlock requests',
  tables: ['unlock_requests'],
  rows: (plan) => plan.unlockRequests,
  async run(ctx) {
    const { plan } = ctx;
    // Locked BMB l (0 … lockedBmbs-1) is open BMB pendingBmbs + l.
    const firstLocked = regionIdSql('bmb', openBmbNumber(plan, `${plan.pendingBmbs}`));
    const lastLocked = regionIdSql(
      'bmb',
      openBmbNumber(plan, `${plan.pendingBmbs + plan.lockedBmbs - 1}`),
    );
    const l = `(${regionNumberSql('b.id')} - ${openBmbNumber(plan, `${plan.pendingBmbs}`)})`;
    await ctx.run(`
      insert into unlock_requests (workspace_id, id, bmb_id, requested_by_id, message, status, created_at)
      select b.workspace_id, ${regionIdSql('unlockRequest', 'l / 3')}, b.id, b.sender_id,
             ${pickSql(UNLOCK_MESSAGES, 'l / 3')}, 'open',
             b.sent_at + interval '7 days' + (2 + l % 20) * interval '1 hour'
      from (
        select b.*, ${l} as l from bmbs b
        where b.workspace_id = ${ctx.ws} and b.id between ${firstLocked} and ${lastLocked}
      ) b
      where l % 3 = 0`);
    ctx.advance(plan.unlockRequests);
  },
};
