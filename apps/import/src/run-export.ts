import { createWriteStream, type WriteStream } from 'node:fs';
import { access, mkdir, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Db } from '@bmb/db/client';
import { exportMasterdata, findProductionWorkspaceId } from '@bmb/db/queries';
import { MASTERDATA_ENTITIES, type MasterdataEntity } from '@bmb/domain';
import { CSV_FILES, cellText, csvFileOf } from './csv-format';
import { count, EXIT, perSecond, seconds, type Output } from './output';

/** Rows per read: a page of the export, and a chunk of text written. */
export const EXPORT_PAGE_ROWS = 10_000;

const PART = '.part';

/**
 * `pnpm run export <folder>`: the production workspace's master data as the
 * import's CSV files, read page by page from one snapshot and streamed to
 * disk, so that a region of millions of rows is never held at once. Each file
 * is written as `<name>.csv.part` and renamed when all are complete: a
 * folder never holds half an export under the import's names.
 */
export async function runExport(
  db: Db,
  folder: string,
  out: Output,
  pageRows = EXPORT_PAGE_ROWS,
): Promise<number> {
  const say = (text = '') => out.write(`${text}\n`);
  const workspaceId = await findProductionWorkspaceId(db);
  if (!workspaceId) {
    say('The database has no production workspace: there is nothing to export.');
    return EXIT.usage;
  }
  const existing = [];
  for (const { file } of CSV_FILES) if (await exists(join(folder, file))) existing.push(file);
  if (existing.length > 0) {
    say(`${folder} already holds ${existing.join(', ')}: export into an empty folder.`);
    return EXIT.usage;
  }
  await mkdir(folder, { recursive: true });

  const started = performance.now();
  const streams = new Map<MasterdataEntity, WriteStream>();
  const rows = new Map<MasterdataEntity, number>(MASTERDATA_ENTITIES.map((e) => [e, 0]));
  const write = async (stream: WriteStream, text: string) => {
    if (!stream.write(text)) await once(stream, 'drain');
  };
  try {
    for (const { file, entity, columns } of CSV_FILES) {
      const stream = createWriteStream(join(folder, file + PART), { encoding: 'utf8' });
      streams.set(entity, stream);
      await write(stream, stringify([columns.map((c) => c.name)]));
    }
    let last = performance.now();
    await exportMasterdata(db, workspaceId, pageRows, async (entity, page) => {
      const { columns } = csvFileOf(entity);
      await write(
        streams.get(entity)!,
        stringify(page.map((row) => columns.map((c) => cellText(row[c.name])))),
      );
      rows.set(entity, rows.get(entity)! + page.length);
      if (performance.now() - last > 5_000) {
        last = performance.now();
        say(`${csvFileOf(entity).file}: ${count(rows.get(entity)!)} rows…`);
      }
    });
    for (const stream of streams.values()) {
      stream.end();
      await once(stream, 'finish');
    }
    for (const { file } of CSV_FILES) await rename(join(folder, file + PART), join(folder, file));
  } catch (error) {
    for (const stream of streams.values()) stream.destroy();
    await Promise.all(CSV_FILES.map(({ file }) => rm(join(folder, file + PART), { force: true })));
    throw error;
  }
  const ms = performance.now() - started;
  const total = [...rows.values()].reduce((a, b) => a + b, 0);
  say(`Exported to ${folder}:`);
  for (const { file, entity } of CSV_FILES) say(`  ${file}: ${count(rows.get(entity)!)} rows`);
  say(`${count(total)} rows in ${seconds(ms)} (${perSecond(total, ms)} rows/s).`);
  return EXIT.done;
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );
