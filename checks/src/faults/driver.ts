import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import type { Row } from '../harness/report';

/**
 * The database driver alone (postgres.js, as packages/db configures it), without
 * the app: transactions whose session is killed, or times out idle in
 * transaction, must fail fast and leave nothing behind. Stock postgres.js 3.4.9
 * fails both (porsager/postgres#1154, #1186, #1216): here 152 of 600 transactions
 * hung for good and 35 TypeErrors escaped from a timer; with idle-in-transaction
 * timeouts, 16 of 150 transactions ran their last statement outside the
 * transaction. patches/postgres@3.4.9.patch fixes both; this shows it is applied.
 *
 * Each transaction bumps a counter and appends an event, so sum(counter) must
 * equal count(events) whatever fails.
 */
export async function driverCheck(url: string): Promise<Row[]> {
  const admin = postgres(url, { max: 1, onnotice: () => {}, connection: { application_name: 'bmb-check' } });
  let uncaught = 0;
  const onUncaught = () => uncaught++;
  process.on('uncaughtException', onUncaught);
  const rows: Row[] = [];
  try {
    await admin.unsafe(`
      drop schema if exists check_driver cascade;
      create schema check_driver;
      create table check_driver.counter (id int primary key, n int not null);
      create table check_driver.event (id serial primary key, counter_id int not null);
      insert into check_driver.counter select g, 0 from generate_series(1, 50) g;`).simple();

    const run = async (label: string, idleTimeoutMs: number, transaction: (tx: postgres.TransactionSql, i: number) => Promise<unknown>, count: number, kill: boolean) => {
      await admin.unsafe('update check_driver.counter set n = 0; truncate check_driver.event').simple();
      uncaught = 0;
      // The app's settings (packages/db/src/client.ts), with the idle timeout as given.
      const sql = postgres(url, {
        max: 10,
        idle_timeout: 30,
        onnotice: () => {},
        connection: { statement_timeout: 15_000, idle_in_transaction_session_timeout: idleTimeoutMs },
      });
      let killing = kill;
      const killer = (async () => {
        while (killing) {
          await sleep(100 + Math.random() * 300);
          await admin`select pg_terminate_backend(pid) from pg_stat_activity
            where datname = current_database() and application_name <> 'bmb-check' and pid <> pg_backend_pid()
              and (state <> 'idle' or random() < 0.3)`;
        }
      })();
      const tally = { ok: 0, failed: 0, hung: 0 };
      const began = performance.now();
      await Promise.all(
        Array.from({ length: 6 }, async (_, w) => {
          for (let i = w; i < count; i += 6) {
            const done = sql.begin((tx) => transaction(tx, i)).then(
              () => 'ok' as const,
              () => 'failed' as const,
            );
            tally[await Promise.race([done, sleep(20_000).then(() => 'hung' as const)])]++;
          }
        }),
      );
      killing = false;
      await killer;
      await sleep(500);
      const [sums] = await admin<{ n: number; events: number }[]>`
        select (select coalesce(sum(n), 0)::int from check_driver.counter) as n, (select count(*)::int from check_driver.event) as events`;
      await sql.end({ timeout: 1 });
      rows.push(
        { figure: `driver, ${label}: committed / failed fast, in ${((performance.now() - began) / 1000).toFixed(0)} s`, value: `${tally.ok} / ${tally.failed} of ${count}` },
        { figure: `driver, ${label}: hung (no end in 20 s)`, value: tally.hung, target: '0', ok: tally.hung === 0 },
        { figure: `driver, ${label}: errors thrown from a timer (uncaught)`, value: uncaught, target: '0', ok: uncaught === 0 },
        { figure: `driver, ${label}: statements outside their transaction`, value: Math.abs(sums!.events - sums!.n), target: '0', ok: sums!.events === sums!.n },
      );
    };

    // Sessions killed at random while transactions run (several statements, some in parallel).
    await run(
      'sessions killed',
      15_000,
      async (tx, i) => {
        const id = (i % 50) + 1;
        await tx`select * from check_driver.counter where id = ${id} for update`;
        await Promise.all([tx`select now()`, tx`select count(*) from check_driver.counter`]);
        await sleep(Math.random() * 20);
        await tx`update check_driver.counter set n = n + 1 where id = ${id}`;
        await Promise.all([tx`select 1`, tx`select 2`]);
        await tx`insert into check_driver.event (counter_id) values (${id})`;
      },
      600,
      true,
    );
    // Every third transaction idles past idle_in_transaction_session_timeout (100 ms here).
    await run(
      'idle-in-transaction timeout',
      100,
      async (tx, i) => {
        const id = (i % 50) + 1;
        await tx`update check_driver.counter set n = n + 1 where id = ${id}`;
        await sleep(i % 3 === 0 ? 150 : 5);
        await tx`insert into check_driver.event (counter_id) values (${id})`;
      },
      150,
      false,
    );
  } finally {
    process.off('uncaughtException', onUncaught);
    await admin.unsafe('drop schema if exists check_driver cascade').simple().catch(() => {});
    await admin.end({ timeout: 1 });
  }
  return rows;
}
