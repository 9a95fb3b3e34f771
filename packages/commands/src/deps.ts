import type { Db } from '@bmb/db/client';
import type { HostResolver, WebhookTargetMode } from '@bmb/domain';

/**
 * What a command needs from the world. The clock that judges deadlines is the
 * workspace's, read from the database inside the command's transaction
 * (`workspaceNow`); `now` is the wall clock, for what is not a BMB's time
 * (rate windows, training starts).
 */
export interface CommandDeps {
  db: Db;
  now?: () => Date;
  /**
   * Which addresses a webhook may be registered for (the adapter reads it from
   * its configuration): without it, production's rule, https and public
   * addresses only. `resolveHost` is the system resolver unless a test says.
   */
  webhookTargets?: WebhookTargetMode;
  resolveHost?: HostResolver;
}

export const wallClock = (deps: CommandDeps): Date => deps.now?.() ?? new Date();
