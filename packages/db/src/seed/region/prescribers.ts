import { regionIdSql } from './ids';
import { homeUnitOf, isInactive, usernameOf } from './layout';
import { FIRST_NAMES, LAST_NAMES, pickSql } from './names';
import { inChunks, series, type Phase } from './phase';

/** Prescriber p works at 1 + p mod 3 care units: their home unit (the default) and the next ones. */
export const unitsPerPrescriber = (p: string) => `(1 + (${p}) % 3)`;

/** Memberships of prescribers lo … hi-1 (in each of the two tables). */
export function membershipsOf(lo: number, hi: number): number {
  let total = 0;
  for (let p = lo; p < hi; p++) total += 1 + (p % 3);
  return total;
}

/**
 * Prescribers and their memberships: the payers and delivery addresses they
 * may choose when they accept a BMB (prescriber_payers,
 * prescriber_delivery_addresses), the home unit as the default.
 */
export const prescribersPhase: Phase = {
  name: 'prescribers',
  tables: ['prescribers', 'prescriber_payers', 'prescriber_delivery_addresses'],
  rows: (plan) => plan.prescribers + 2 * membershipsOf(0, plan.prescribers),
  async run(ctx) {
    const { plan } = ctx;
    await inChunks(ctx, plan.prescribers, async (lo, hi) => {
      await ctx.run(`
        insert into prescribers (workspace_id, id, username, name, phone, mobile, email, role, active, created_at)
        select ${ctx.ws}, ${regionIdSql('prescriber', 'p')}, ${usernameOf('p')},
               ${pickSql(FIRST_NAMES, 'p * 7')} || ' ' || ${pickSql(LAST_NAMES, `p * 11 + p / ${LAST_NAMES.length}`)},
               '0920-' || lpad((p * 37 % 1000)::text, 3, '0') || ' ' || lpad((p % 100)::text, 2, '0'),
               '070-' || lpad((p * 7919 % 1000)::text, 3, '0') || ' ' || lpad((p / 10 % 100)::text, 2, '0')
                 || ' ' || lpad((p * 13 % 100)::text, 2, '0'),
               ${usernameOf('p')} || '@region.example',
               'prescriber', not ${isInactive(plan, 'p')},
               ${ctx.anchor} - (p % 3000) * interval '1 day'
        from ${series(lo, hi)} p`);
    });
    const memberships = async (table: string, column: string) => {
      await inChunks(ctx, plan.prescribers, async (lo, hi) => {
        // The next units after the home one: distinct, since there are at least three units.
        await ctx.run(`
          insert into ${table} (workspace_id, prescriber_id, ${column}, is_default)
          select ${ctx.ws}, ${regionIdSql('prescriber', 'p')},
                 ${regionIdSql('careUnit', `(${homeUnitOf(plan, 'p')} + i) % ${plan.careUnits}`)}, i = 0
          from ${series(lo, hi)} p, generate_series(0, ${unitsPerPrescriber('p')} - 1) i`);
        return membershipsOf(lo, hi);
      });
    };
    await memberships('prescriber_payers', 'payer_id');
    await memberships('prescriber_delivery_addresses', 'delivery_address_id');
  },
};
