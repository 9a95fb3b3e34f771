import { recordAudit } from '@bmb/db/audit';
import { bmbMessageKinds, findBmbMessage, markBmbMessageRead, workspaceNow, type BmbMessageKind } from '@bmb/db/queries';
import type { PersonActor } from '@bmb/domain';
import { z } from 'zod';
import { defineCommand } from '../command';
import { done, refusal, type CommandResult, type Untrusted } from '../result';

const inputSchema = z.object({
  kind: z.enum(bmbMessageKinds as [BmbMessageKind, ...BmbMessageKind[]]),
  id: z.uuid(),
});

export interface MessageRead {
  bmbId: string;
  /** False when it was already marked (a double click): nothing was written the second time. */
  marked: boolean;
}

/**
 * "Markera som läst" under Meddelanden on Kvittera BMB: the sender puts away
 * a BMB the receiver declined, or Länsservice's answer about a locked one.
 * Only their own news; the mark is kept (bmb_message_reads) and audited once.
 */
export const markMessageRead = defineCommand(
  'bmb.message.read',
  {},
  async (
    deps,
    actor: PersonActor,
    input: Untrusted<z.input<typeof inputSchema>>,
  ): Promise<CommandResult<MessageRead>> => {
    const parsed = inputSchema.safeParse(input);
    if (!parsed.success) return refusal('invalid-input', 'form.incomplete');
    const { kind, id } = parsed.data;
    return deps.db.transaction(async (tx): Promise<CommandResult<MessageRead>> => {
      const message = await findBmbMessage(tx, actor.workspaceId, actor.prescriberId, kind, id);
      if (!message) return refusal('not-found', 'message.not-found');
      const at = await workspaceNow(tx, actor.workspaceId);
      const marked = await markBmbMessageRead(tx, actor.workspaceId, {
        prescriberId: actor.prescriberId,
        kind,
        subjectId: id,
        bmbId: message.bmbId,
        at,
      });
      if (marked) {
        await recordAudit(tx, {
          workspaceId: actor.workspaceId,
          actorId: actor.prescriberId,
          action: 'bmb.message.read',
          entityType: 'bmb',
          entityId: message.bmbId,
          after: { kind, subjectId: id },
        });
      }
      return done({ bmbId: message.bmbId, marked });
    });
  },
);
