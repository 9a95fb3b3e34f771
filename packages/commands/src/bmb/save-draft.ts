import { recordAudit } from '@bmb/db/audit';
import {
  findBmb,
  findBmbForUpdate,
  findPatient,
  findPrescriberByUsername,
  listPatientLoans,
  saveDraft,
  workspaceNow,
  type Bmb,
  type Patient,
} from '@bmb/db/queries';
import {
  bmbDraftSchema,
  checkDraft,
  fieldProblemsOf,
  may,
  receiverProblem,
  swedishDate,
  type BmbDraftInput,
  type FieldProblems,
  type PersonActor,
} from '@bmb/domain';
import { defineCommand } from '../command';
import type { CommandDeps } from '../deps';
import { lookUpPatient } from '../patients/look-up-patient';
import {
  done,
  invalid,
  refusal,
  type CommandResult,
  type Refusal,
  type Untrusted,
} from '../result';

export interface DraftSaved {
  bmbId: string;
  patientToPatient: boolean;
}

/** Stands for the other patient while the rest of the form is judged (never stored). */
const NOT_YET_LOOKED_UP = 'not-yet-looked-up';

/**
 * Skicka BMB, "Spara ändringarna": saves the form as a draft (new, or the
 * sender's own draft again). Answers the draft's id; the summary with
 * Verkställ is its page.
 */
export const saveBmbDraft = defineCommand(
  'bmb.draft.save',
  { teachesInTraining: true },
  async (deps, actor: PersonActor, input: Untrusted<BmbDraftInput>) => {
    const { db } = deps;
    const parsed = bmbDraftSchema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors = fieldProblemsOf(parsed.error);
      await addReceiverProblem(deps, actor, input.newPrescriberUsername, fieldErrors);
      return invalid(fieldErrors);
    }
    const draft = parsed.data;
    // Changing a draft: the sender's own, still a draft. Asked before the form's rules, which would speak of its devices.
    if (draft.bmbId) {
      const refused = editRefusal(actor, await findBmb(db, actor.workspaceId, draft.bmbId));
      if (refused) return refused;
    }

    const fromPatient = await findPatient(db, actor.workspaceId, draft.fromPatientId);
    if (!fromPatient) return refusal('not-found', 'patient.not-found');
    const [receiver, patientLoans, now] = await Promise.all([
      findPrescriberByUsername(db, actor.workspaceId, draft.newPrescriberUsername),
      listPatientLoans(db, actor.workspaceId, fromPatient.id),
      workspaceNow(db, actor.workspaceId),
    ]);
    const facts = {
      senderId: actor.prescriberId,
      receiver,
      fromPatientId: fromPatient.id,
      patientLoans,
      requestedLoanIds: draft.loanIds,
      needsAssessmentConfirmed: draft.needsAssessmentConfirmed,
      deviceSafeConfirmed: draft.deviceSafeConfirmed,
      now,
    };

    // The current patient needs no lookup. Another one (Ny mottagare) is looked
    // up only once everything else on the form holds, judged as the
    // patient-to-patient BMB it would be: a lookup answers "does this
    // personnummer exist", so it is limited and logged, never made for free.
    let toPatient: Patient | null = fromPatient;
    if (draft.newPatientPersonnummer !== fromPatient.personnummer) {
      const rest = checkDraft({ ...facts, toPatientId: NOT_YET_LOOKED_UP });
      if (!rest.ok) return invalid(rest.fieldErrors);
      const lookup = await lookUpPatient(
        deps,
        actor,
        draft.newPatientPersonnummer,
        'bmb.new-patient.lookup',
      );
      if (!lookup.ok)
        return { ...lookup, fieldErrors: { newPatientPersonnummer: [lookup.problem] } };
      toPatient = lookup.value;
    }

    const check = checkDraft({ ...facts, toPatientId: toPatient?.id ?? null });
    if (!check.ok) return invalid(check.fieldErrors);

    return db.transaction(async (tx): Promise<CommandResult<DraftSaved>> => {
      // Once more under the row's lock: a Verkställ at the same moment waits for this, or this for it.
      const refused = draft.bmbId
        ? editRefusal(actor, await findBmbForUpdate(tx, actor.workspaceId, draft.bmbId))
        : null;
      if (refused) return refused;
      const row = await saveDraft(
        tx,
        {
          workspaceId: actor.workspaceId,
          senderId: actor.prescriberId,
          receiverId: receiver!.id,
          fromPatientId: fromPatient.id,
          toPatientId: toPatient!.id,
          bmbDate: swedishDate(now),
          message: draft.message,
          needsAssessmentConfirmed: check.patientToPatient && draft.needsAssessmentConfirmed,
          deviceSafeConfirmed: check.patientToPatient && draft.deviceSafeConfirmed,
          loanIds: draft.loanIds,
        },
        draft.bmbId,
      );
      if (!row) return refusal('conflict.not-a-draft', 'draft.not-editable');
      await recordAudit(tx, {
        workspaceId: actor.workspaceId,
        actorId: actor.prescriberId,
        action: 'bmb.draft.saved',
        entityType: 'bmb',
        entityId: row.id,
        before: draft.bmbId ? { loanIds: row.previousLoanIds } : null,
        after: {
          receiverId: receiver!.id,
          fromPatientId: fromPatient.id,
          toPatientId: toPatient!.id,
          loanIds: [...new Set(draft.loanIds)],
          patientToPatient: check.patientToPatient,
        },
      });
      return done({ bmbId: row.id, patientToPatient: check.patientToPatient });
    });
  },
);

function editRefusal(actor: PersonActor, existing: Bmb | null): Refusal | null {
  if (!existing || !may(actor, 'edit-draft', existing))
    return refusal('not-found', 'bmb.not-found');
  return existing.status === 'draft' ? null : refusal('conflict.not-a-draft', 'draft.not-editable');
}

/**
 * When some fields are malformed, still check the receiver's username, so that
 * the person sees more than one problem at once. (The patient is never looked
 * up on a form with errors.)
 */
async function addReceiverProblem(
  deps: CommandDeps,
  actor: PersonActor,
  username: unknown,
  fieldErrors: FieldProblems,
) {
  if (fieldErrors.newPrescriberUsername || typeof username !== 'string') return;
  const receiver = await findPrescriberByUsername(
    deps.db,
    actor.workspaceId,
    username.trim().toLowerCase(),
  );
  const problem = receiverProblem(receiver);
  if (problem) fieldErrors.newPrescriberUsername = [problem];
}
