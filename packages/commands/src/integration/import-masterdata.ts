import { recordAudit } from '@bmb/db/audit';
import { isUniqueViolation } from '@bmb/db/errors';
import {
  findKnownMasterdata,
  lockOpenBmbsOfSourceLoans,
  upsertMasterdata,
  workspaceNow,
} from '@bmb/db/queries';
import {
  checkMasterdataBatch,
  MASTERDATA_MAX_ROWS,
  masterdataLookup,
  masterdataRowCount,
  parseMasterdataBatch,
  sortMasterdataProblems,
  swedishDate,
  type MachineActor,
  type MasterdataBatch,
  type MasterdataImported,
  type ParsedMasterdata,
} from '@bmb/domain';
import { defineCommand } from '../command';
import { done, refusal, type CommandResult } from '../result';
import { closeReturnedLines } from './close-returned-lines';

/** The rows of a batch that passed every check, as the writer takes them. */
const batchOf = ({ rows }: ParsedMasterdata): MasterdataBatch => ({
  payers: rows.payers.map((r) => r.row),
  deliveryAddresses: rows.deliveryAddresses.map((r) => r.row),
  prescribers: rows.prescribers.map((r) => r.row),
  patients: rows.patients.map((r) => r.row),
  articles: rows.articles.map((r) => r.row),
  units: rows.units.map((r) => r.row),
  loans: rows.loans.map((r) => r.row),
});

/**
 * POST /api/v1/masterdata: the region's stock system upserts what it knows,
 * keyed by its own keys. The batch is checked whole, its rows against their
 * schemas and against each other and what BMB has, inside the transaction
 * that writes it; one bad row refuses it all, every bad row named, and
 * nothing is written. A loan that comes back `returned` while it is in a
 * waiting BMB closes that line (`closeReturnedLines`).
 *
 * `input` is the request's JSON body as it came: nothing about it is trusted,
 * not even that it is an object.
 */
export const importMasterdata = defineCommand(
  'masterdata.import',
  {},
  async (deps, actor: MachineActor, input: unknown): Promise<CommandResult<MasterdataImported>> => {
    if (!actor.scopes.includes('masterdata:write')) return refusal('forbidden', 'forbidden');
    if (masterdataRowCount(input) > MASTERDATA_MAX_ROWS)
      return refusal('invalid-input', 'masterdata.too-many-rows');
    const parsed = parseMasterdataBatch(input);
    const { workspaceId } = actor;
    try {
      return await deps.db.transaction(async (tx): Promise<CommandResult<MasterdataImported>> => {
        const known = await findKnownMasterdata(tx, workspaceId, masterdataLookup(parsed));
        const problems = sortMasterdataProblems([
          ...parsed.problems,
          ...checkMasterdataBatch(parsed, known),
        ]);
        if (problems.length > 0)
          return { ...refusal('invalid-input', 'masterdata.check-rows'), rows: problems };

        const batch = batchOf(parsed);
        const now = await workspaceNow(tx, workspaceId);
        await lockOpenBmbsOfSourceLoans(
          tx,
          workspaceId,
          batch.loans.filter((l) => l.status === 'returned').map((l) => l.sourceId),
        );
        // A returned loan's returned_on is the day BMB learns it, in the workspace's Swedish calendar.
        const written = await upsertMasterdata(tx, workspaceId, batch, swedishDate(now));
        const closedLines = await closeReturnedLines(tx, actor, written.returnedLoanIds, now);
        // Counts and the client only: the trail of an import names no patient.
        await recordAudit(tx, {
          workspaceId,
          actorId: null,
          action: 'masterdata.imported',
          entityType: 'masterdata',
          after: { client: actor.clientId, counts: written.counts, closedLines },
        });
        return done({ counts: written.counts, stale: written.stale, closedLines });
      });
    } catch (error) {
      // The batch was checked against BMB inside this transaction; only a concurrent change gets here.
      if (isUniqueViolation(error, 'loans_one_active_per_unit'))
        return refusal('conflict.individ-in-use', 'masterdata.individ-in-use');
      throw error;
    }
  },
);
