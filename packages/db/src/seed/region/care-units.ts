import { regionIdSql } from './ids';
import { PLACES, UNIT_KINDS, pickSql } from './names';
import { inChunks, series, type Phase } from './phase';

/**
 * Care units: each is a payer (betalare) and a delivery address (kund/leveransadress)
 * with the same id and code, as the demo's are. Codes are six digits from 700000;
 * the demo's are four, so they never meet.
 */
export const careUnitsPhase: Phase = {
  name: 'care units',
  tables: ['payers', 'delivery_addresses'],
  rows: (plan) => 2 * plan.careUnits,
  async run(ctx) {
    const columns = (u: string) => `
      ${ctx.ws}, ${regionIdSql('careUnit', u)}, (700000 + ${u})::text,
      ${pickSql(UNIT_KINDS, u)} || ' ' || ${pickSql(PLACES, `${u} / ${UNIT_KINDS.length}`)}
        || case when ${u} >= ${UNIT_KINDS.length * PLACES.length}
             then ' ' || (1 + ${u} / ${UNIT_KINDS.length * PLACES.length})::text else '' end`;
    await inChunks(ctx, ctx.plan.careUnits, async (lo, hi) => {
      for (const table of ['payers', 'delivery_addresses']) {
        await ctx.run(
          `insert into ${table} (workspace_id, id, code, name) select ${columns('u')} from ${series(lo, hi)} u`,
        );
      }
      return 2 * (hi - lo);
    });
  },
};
