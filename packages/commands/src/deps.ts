import type { Db } from '@bmb/db/client';

/**
 * What a command needs from the world. The clock that judges deadlines is the
 * workspace's, read from the database inside the command's transaction
 * (`workspaceNow`); `now` is the wall clock, for what is not a BMB's time
 * (rate windows, training starts).
 */
export interface CommandDeps {
  db: Db;
  now?: () => Date;
}

export const wallClock = (deps: CommandDeps): Date => deps.now?.() ?? new Date();
