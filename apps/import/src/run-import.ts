import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importMasterdataFiles, type MasterdataFilesImported } from '@bmb/commands';
import type { Db } from '@bmb/db/client';
import { findProductionWorkspaceId } from '@bmb/db/queries';
import { MASTERDATA_ENTITIES, messageText, type MachineActor } from '@bmb/domain';
import { csvFileOf } from './csv-format';
import { count, EXIT, perSecond, seconds, type Output } from './output';
import { progressBar } from './progress';
import { csvFilesIn, readFolder } from './read-folder';
import { placeRowProblems, reportLine, sortFileProblems } from './report';

export interface ImportOptions {
  folder: string;
  dryRun: boolean;
  /** Where the full problem list goes; default `<folder>/import-report.txt`. */
  report?: string | null;
  /** Rows per statement (the command's default otherwise). */
  chunkRows?: number;
  /** How many problems the terminal shows; the report file has them all. */
  shown?: number;
}

/** The import acts as a machine client of its own, audited as the API's client is. */
export const importActor = (workspaceId: string): MachineActor => ({
  kind: 'machine',
  clientId: 'import-cli',
  workspaceId,
  scopes: ['masterdata:write'],
});

/** What is wrong with the folder, before any database is opened; null when it holds files to read. */
export async function checkImportFolder(folder: string): Promise<string | null> {
  const folderStat = await stat(folder).catch(() => null);
  if (!folderStat?.isDirectory()) return `No folder ${folder}.`;
  const { known } = await csvFilesIn(folder);
  if (known.length === 0)
    return `${folder} holds none of the files (payers.csv, …, loans.csv; docs/integration.md).`;
  return null;
}

/**
 * `pnpm run import <folder> [--dry-run]`: reads the folder's CSV files,
 * checks all of it, and writes it in one transaction or not at all.
 */
export async function runImport(db: Db, options: ImportOptions, out: Output): Promise<number> {
  const say = (text = '') => out.write(`${text}\n`);
  const wrongFolder = await checkImportFolder(options.folder);
  if (wrongFolder) {
    say(wrongFolder);
    return EXIT.usage;
  }
  const workspaceId = await findProductionWorkspaceId(db);
  if (!workspaceId) {
    say(
      'The database has no production workspace: run pnpm db:setup (or pnpm db:migrate and pnpm db:seed) first.',
    );
    return EXIT.usage;
  }

  const started = performance.now();
  const read = await readFolder(options.folder, (file) =>
    say(`Read ${file.file}: ${count(file.rows)} rows in ${seconds(file.ms)}`),
  );
  const mode = read.fileProblems.length > 0 ? 'check' : options.dryRun ? 'dry-run' : 'write';
  say(mode === 'check' ? 'Checking…' : 'Checking against BMB…');
  const bar = progressBar(out, mode === 'dry-run' ? 'Dry run' : 'Writing');
  let writingSince = 0;
  const result = await importMasterdataFiles({ db }, importActor(workspaceId), {
    parsed: read.parsed,
    mode,
    chunkRows: options.chunkRows,
    onProgress: (done, total) => {
      if (done === 0) writingSince = performance.now();
      bar.update(done, total);
    },
  });
  bar.end();

  if (!result.ok && !result.rows) {
    say(messageText(result.problem));
    return EXIT.failed;
  }
  const problems = sortFileProblems([
    ...read.fileProblems,
    ...(result.ok ? [] : placeRowProblems(result.rows!, read)),
  ]);
  if (problems.length > 0) {
    const reportPath = options.report ?? join(options.folder, 'import-report.txt');
    const lines = problems.map(reportLine);
    const heading = `${messageText('import.check-files')} ${count(problems.length)} fel:`;
    await writeFile(reportPath, `${heading}\n\n${lines.join('\n')}\n`, 'utf8');
    const shown = options.shown ?? 20;
    say(`\n${heading}\n`);
    for (const line of lines.slice(0, shown)) say(`  ${line}`);
    if (lines.length > shown) say(`  … och ${count(lines.length - shown)} till.`);
    say(`\nHela listan: ${reportPath}`);
    return EXIT.problems;
  }
  if (!result.ok) return EXIT.failed; // unreachable: a refusal with rows has problems
  summarise(
    result.value,
    performance.now() - started,
    writingSince ? performance.now() - writingSince : 0,
    say,
  );
  return EXIT.done;
}

function summarise(
  value: MasterdataFilesImported,
  totalMs: number,
  writeMs: number,
  say: (text?: string) => void,
) {
  const imported = value.imported;
  if (!imported) return;
  say(
    value.mode === 'dry-run' ? '\nDry run: nothing was written. It would have:\n' : '\nImported:\n',
  );
  say('| file | rows | new | changed | unchanged | stale |');
  say('|---|---:|---:|---:|---:|---:|');
  for (const entity of MASTERDATA_ENTITIES) {
    const c: { created: number; updated: number; unchanged: number; stale?: number } =
      imported.counts[entity];
    const rows = c.created + c.updated + c.unchanged + (c.stale ?? 0);
    say(
      `| ${csvFileOf(entity).file} | ${count(rows)} | ${count(c.created)} | ${count(c.updated)} | ${count(c.unchanged)} | ${c.stale === undefined ? '' : count(c.stale)} |`,
    );
  }
  say(
    `\nStale loans (BMB has a newer version; not applied): ${count(imported.counts.loans.stale)}`,
  );
  say(`BMB lines closed (loan returned while in a waiting BMB): ${count(imported.closedLines)}`);
  say(
    `${count(value.rows)} rows in ${seconds(totalMs)} (${perSecond(value.rows, totalMs)} rows/s); ` +
      `writing ${seconds(writeMs)} (${perSecond(value.rows, writeMs)} rows/s).`,
  );
}
