import { regionIdSql } from './ids';
import { BRANDS, INDIVIDUAL_DEVICES, PLAIN_DEVICES, pickSql } from './names';
import { inChunks, series, type Phase } from './phase';

/**
 * The catalogue: article numbers from 800000 (the demo's have five digits).
 * The first `individualArticles` are tracked per individ, the rest lent by
 * quantity. A region-sized catalogue does not grow with the population.
 */
export const articlesPhase: Phase = {
  name: 'articles',
  tables: ['articles'],
  rows: (plan) => plan.articles,
  async run(ctx) {
    const { plan } = ctx;
    const individual = `a < ${plan.individualArticles}`;
    await inChunks(ctx, plan.articles, async (lo, hi) => {
      await ctx.run(`
        insert into articles (workspace_id, id, article_no, name, kind, price_ore, patient_fee, individual)
        select ${ctx.ws}, ${regionIdSql('article', 'a')}, (800000 + a)::text,
               case when ${individual}
                 then ${pickSql(INDIVIDUAL_DEVICES, 'a')} || ' ' || ${pickSql(BRANDS, `a / ${INDIVIDUAL_DEVICES.length}`)}
                      || ' ' || (36 + a % 8 * 2)::text || ' cm'
                 else ${pickSql(PLAIN_DEVICES, 'a')} || ' ' || ${pickSql(BRANDS, `a / ${PLAIN_DEVICES.length}`)}
               end,
               (case when ${individual} then 'H' else (array['T', 'R', 'H', 'H', 'H'])[1 + a % 5] end)::article_kind,
               case when ${individual} then 50000 + a * 7919 % 2000000 else 500 + a * 7919 % 20000 end,
               a % 7 = 0,
               ${individual}
        from ${series(lo, hi)} a`);
    });
  },
};
