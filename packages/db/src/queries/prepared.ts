import type { DbOrTx } from '../client';

/**
 * A statement Drizzle builds once per database handle and then only runs.
 * Building is not free: turning a select with joins, a subquery and a table's
 * every column into SQL text costs the app about 0.4 ms of CPU, several times
 * what running it costs, and the session read runs on every request (issue 21).
 * The values are `sql.placeholder`s, bound at `execute`. Kept per handle (the
 * app's pool, a test's database, a transaction), never across them.
 */
export function builtOnce<Q>(build: (db: DbOrTx) => Q): (db: DbOrTx) => Q {
  const byHandle = new WeakMap<DbOrTx, Q>();
  return (db) => {
    let query = byHandle.get(db);
    if (!query) {
      query = build(db);
      byHandle.set(db, query);
    }
    return query;
  };
}

/**
 * builtOnce for a statement with a few fixed shapes (a list's sort order and
 * state filter): one built statement per handle and shape, chosen by `key`.
 */
export function builtOncePer<K extends string, Q>(build: (db: DbOrTx, key: K) => Q): (db: DbOrTx, key: K) => Q {
  const byHandle = new WeakMap<DbOrTx, Map<K, Q>>();
  return (db, key) => {
    let shapes = byHandle.get(db);
    if (!shapes) {
      shapes = new Map();
      byHandle.set(db, shapes);
    }
    let query = shapes.get(key);
    if (!query) {
      query = build(db, key);
      shapes.set(key, query);
    }
    return query;
  };
}
