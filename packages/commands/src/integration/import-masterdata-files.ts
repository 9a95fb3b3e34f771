import { recordAudit } from '@bmb/db/audit';
import { isUniqueViolation } from '@bmb/db/errors';
import {
  allowBulkLoad,
  analyzeMasterdata,
  findKnownMasterdataInChunks,
  lockOpenBmbsOfSourceLoans,
  upsertMasterdata,
  workspaceNow,
} from '@bmb/db/queries';
import {
  checkMasterdataBatch,
  MASTERDATA_ENTITIES,
  masterdataLookup,
  sortMasterdataProblems,
  swedishDate,
  type MachineActor,
  type MasterdataBatch,
  type MasterdataEntity,
  type MasterdataImported,
  type ParsedMasterdata,
} from '@bmb/domain';
import { defineCommand } from '../command';
import { done, refusal, type CommandResult } from '../result';
import { closeReturnedLines } from './close-returned-lines';

/** Rows per statement: the API's batch size, which the writer is measured at. */
export const IMPORT_CHUNK_ROWS = 10_000;

/**
 * `check`: only say what is wrong. `dry-run`: also write everything and roll
 * it back, so that the counts are those of a real run. `write`: keep it.
 */
export type MasterdataFilesMode = 'check' | 'dry-run' | 'write';

export interface MasterdataFilesInput {
  /**
   * Every row of the load, each checked against its list's schema by the
   * domain (`addMasterdataRow`) as the adapter read it, with the problems
   * found so far. The adapter streams its files into it, so the raw rows are
   * never all held at once.
   */
  parsed: ParsedMasterdata;
  mode: MasterdataFilesMode;
  /** Rows per statement (default `IMPORT_CHUNK_ROWS`); also keys per look-up. */
  chunkRows?: number;
  /** After each chunk written: rows done, of all. */
  onProgress?: (done: number, total: number) => void;
}

export interface MasterdataFilesImported {
  mode: MasterdataFilesMode;
  /** Rows in all lists together. */
  rows: number;
  /** What was written (or, in a dry run, would have been); null when only checked. */
  imported: MasterdataImported | null;
}

const EMPTY: MasterdataBatch = {
  payers: [],
  deliveryAddresses: [],
  prescribers: [],
  patients: [],
  articles: [],
  units: [],
  loans: [],
};

/**
 * The chunks of one list to write. Every returned loan goes before every
 * active one, as `upsertMasterdata` does within a batch: an individ can pass
 * from a loan returned in one chunk to a new loan in another.
 */
function* chunksOf(
  parsed: ParsedMasterdata,
  entity: MasterdataEntity,
  size: number,
): Generator<MasterdataBatch> {
  const placed: { row: unknown }[] =
    entity === 'loans'
      ? [
          ...parsed.rows.loans.filter((l) => l.row.status === 'returned'),
          ...parsed.rows.loans.filter((l) => l.row.status === 'active'),
        ]
      : parsed.rows[entity];
  for (let from = 0; from < placed.length; from += size)
    yield { ...EMPTY, [entity]: placed.slice(from, from + size).map((p) => p.row) };
}

/** Thrown to roll a dry run back, carrying what it would have done. */
class DryRunDone extends Error {
  constructor(readonly value: MasterdataFilesImported) {
    super('dry run: rolled back');
  }
}

/**
 * The initial load from files (`pnpm run import`, apps/import): the same
 * upsert as POST /api/v1/masterdata (`importMasterdata`) without its limit on
 * rows, all or nothing. Every row is checked first, against its schema (the
 * adapter did that as it read) and against the others and what BMB has,
 * inside the one transaction that then writes it all in chunks. One bad row
 * refuses the load, every bad row named, and nothing is written. Returned
 * loans close their BMB lines as they do through the API, and the trail
 * gets one `masterdata.imported` with the counts.
 */
export const importMasterdataFiles = defineCommand(
  'masterdata.import-files',
  {},
  async (
    deps,
    actor: MachineActor,
    input: MasterdataFilesInput,
  ): Promise<CommandResult<MasterdataFilesImported>> => {
    if (!actor.scopes.includes('masterdata:write')) return refusal('forbidden', 'forbidden');
    const { parsed, mode } = input;
    const chunkRows = input.chunkRows ?? IMPORT_CHUNK_ROWS;
    const { workspaceId } = actor;
    const rows = MASTERDATA_ENTITIES.reduce((n, entity) => n + parsed.rows[entity].length, 0);
    try {
      return await deps.db.transaction(
        async (tx): Promise<CommandResult<MasterdataFilesImported>> => {
          await allowBulkLoad(tx);
          const known = await findKnownMasterdataInChunks(
            tx,
            workspaceId,
            masterdataLookup(parsed),
            chunkRows,
          );
          const problems = sortMasterdataProblems([
            ...parsed.problems,
            ...checkMasterdataBatch(parsed, known),
          ]);
          if (problems.length > 0)
            return { ...refusal('invalid-input', 'import.check-files'), rows: problems };
          if (mode === 'check') return done({ mode, rows, imported: null });

          const now = await workspaceNow(tx, workspaceId);
          // A returned loan's returned_on is the day BMB learns it, in the workspace's Swedish calendar.
          const today = swedishDate(now);
          const none = () => ({ created: 0, updated: 0, unchanged: 0 });
          const counts: MasterdataImported['counts'] = {
            payers: none(),
            deliveryAddresses: none(),
            prescribers: none(),
            patients: none(),
            articles: none(),
            units: none(),
            loans: { ...none(), stale: 0 },
          };
          const stale: string[] = [];
          let closedLines = 0;
          let written = 0;
          input.onProgress?.(0, rows);
          // List by list, in the order they refer to each other.
          for (const entity of MASTERDATA_ENTITIES) {
            if (parsed.rows[entity].length === 0) continue;
            for (const batch of chunksOf(parsed, entity, chunkRows)) {
              await lockOpenBmbsOfSourceLoans(
                tx,
                workspaceId,
                batch.loans.filter((l) => l.status === 'returned').map((l) => l.sourceId),
              );
              const result = await upsertMasterdata(tx, workspaceId, batch, today);
              const sum: Record<string, number> = counts[entity];
              for (const [outcome, n] of Object.entries(result.counts[entity]))
                sum[outcome] = (sum[outcome] ?? 0) + n;
              stale.push(...result.stale);
              closedLines += await closeReturnedLines(tx, actor, result.returnedLoanIds, now);
              written += batch[entity].length;
              input.onProgress?.(written, rows);
            }
            await analyzeMasterdata(tx, entity);
          }
          // Counts and the client only: the trail of an import names no patient.
          await recordAudit(tx, {
            workspaceId,
            actorId: null,
            action: 'masterdata.imported',
            entityType: 'masterdata',
            after: { client: actor.clientId, counts, closedLines },
          });
          const value: MasterdataFilesImported = {
            mode,
            rows,
            imported: { counts, stale, closedLines },
          };
          if (mode === 'dry-run') throw new DryRunDone(value);
          return done(value);
        },
      );
    } catch (error) {
      if (error instanceof DryRunDone) return done(error.value);
      // Everything was checked against BMB inside this transaction; only a concurrent change gets here.
      if (isUniqueViolation(error, 'loans_one_active_per_unit'))
        return refusal('conflict.individ-in-use', 'masterdata.individ-in-use');
      throw error;
    }
  },
);
