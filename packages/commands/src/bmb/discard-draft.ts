import { recordAudit } from '@bmb/db/audit';
import { findBmbForUpdate, markDiscarded, workspaceNow } from '@bmb/db/queries';
import { bmbDiscardSchema, may, transition, type PersonActor } from '@bmb/domain';
import type { z } from 'zod';
import { defineCommand } from '../command';
import { conflictOf, done, refusal, type CommandResult, type Untrusted } from '../result';

/** Throws away the sender's own draft. The row stays, marked discarded, for traceability. */
export const discardBmbDraft = defineCommand(
  'bmb.draft.discard',
  {},
  async (
    deps,
    actor: PersonActor,
    input: Untrusted<z.input<typeof bmbDiscardSchema>>,
  ): Promise<CommandResult<{ bmbId: string }>> => {
    const parsed = bmbDiscardSchema.safeParse(input);
    if (!parsed.success) return refusal('invalid-input', 'bmb.invalid-id');
    return deps.db.transaction(async (tx) => {
      const bmb = await findBmbForUpdate(tx, actor.workspaceId, parsed.data.bmbId);
      if (!bmb || !may(actor, 'edit-draft', bmb)) return refusal('not-found', 'bmb.not-found');
      const now = await workspaceNow(tx, actor.workspaceId);
      const step = transition(bmb, 'discard', now);
      if (!step.ok) return refusal(conflictOf(step.refusal), step.problem);
      await markDiscarded(tx, actor.workspaceId, bmb.id, now);
      await recordAudit(tx, {
        workspaceId: actor.workspaceId,
        actorId: actor.prescriberId,
        action: 'bmb.draft.discarded',
        entityType: 'bmb',
        entityId: bmb.id,
        before: { status: 'draft' },
        after: { status: 'discarded' },
      });
      return done({ bmbId: bmb.id });
    });
  },
);
