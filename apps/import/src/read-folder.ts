import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parse, type CsvError } from 'csv-parse';
import {
  addMasterdataRow,
  emptyParsedMasterdata,
  MASTERDATA_ENTITIES,
  type MasterdataEntity,
  type ParsedMasterdata,
  type Problem,
} from '@bmb/domain';
import { CSV_FILES, cellValue, type Column, type CsvFile } from './csv-format';

/** A problem of the files themselves, or of a row, said where it is: file, CSV line (the header is 1), column. */
export interface FileProblem {
  file: string;
  line: number | null;
  column: string | null;
  /** Which item of a list column (0 the first), where the problem is one item's. */
  item?: number;
  problem: Problem;
}

export interface FolderRead {
  /** Every row, checked against its list's schema, and the problems found. */
  parsed: ParsedMasterdata;
  /** The CSV line each row starts on, per list, by the row's index in it. */
  lines: Record<MasterdataEntity, number[]>;
  /** What is wrong with the files rather than a row's values: unknown files and columns, CSV syntax. */
  fileProblems: FileProblem[];
  /** Required columns missing from a file's header: said once there, not again on every row. */
  missingColumns: Record<MasterdataEntity, Set<string>>;
  /** The files read, with their rows. */
  files: { file: string; entity: MasterdataEntity; rows: number; ms: number }[];
}

const perEntity = <T>(make: () => T) =>
  Object.fromEntries(MASTERDATA_ENTITIES.map((entity) => [entity, make()])) as Record<
    MasterdataEntity,
    T
  >;

/** The CSV files of a folder: the known ones in their order, and the names of unknown ones. */
export async function csvFilesIn(folder: string): Promise<{ known: CsvFile[]; unknown: string[] }> {
  const names = (await readdir(folder, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.csv'))
    .map((entry) => entry.name);
  return {
    known: CSV_FILES.filter((f) => names.includes(f.file)),
    unknown: names.filter((name) => !CSV_FILES.some((f) => f.file === name)).sort(),
  };
}

/**
 * Reads every known CSV file of a folder, streaming, and checks each row
 * against its list's schema as it goes (`addMasterdataRow`): only the parsed
 * rows are kept. The checks across rows and against BMB come after, in the
 * command.
 */
export async function readFolder(
  folder: string,
  onFile?: (file: FolderRead['files'][number]) => void,
): Promise<FolderRead> {
  const read: FolderRead = {
    parsed: emptyParsedMasterdata(),
    lines: perEntity(() => []),
    fileProblems: [],
    missingColumns: perEntity(() => new Set()),
    files: [],
  };
  const { known, unknown } = await csvFilesIn(folder);
  for (const file of unknown)
    read.fileProblems.push({ file, line: null, column: null, problem: 'import.unknown-file' });
  for (const spec of known) {
    const started = performance.now();
    const rows = await readFile(join(folder, spec.file), spec, read);
    const done = { file: spec.file, entity: spec.entity, rows, ms: performance.now() - started };
    read.files.push(done);
    onFile?.(done);
  }
  return read;
}

interface CsvRecord {
  record: string[];
  /** The record's text, with the empty lines skipped before it. */
  raw: string;
}

const BREAK = /\r\n|\r|\n/g;
const breaksIn = (text: string) => text.match(BREAK)?.length ?? 0;

/**
 * Counts lines as a text editor does. csv-parse's own count (`info.lines`)
 * counts a CRLF inside quotes twice, and its `raw` leaves out the LF of a
 * CRLF that ends a record: counting CR, LF and CRLF as one break each is
 * right either way.
 */
function lineCounter() {
  let consumed = 0;
  return {
    /** The line a record starts on; then moves past it. */
    startOf(raw: string): number {
      const leading = breaksIn(/^[\r\n]*/.exec(raw)![0]);
      const start = consumed + leading + 1;
      consumed += breaksIn(raw);
      return start;
    },
    /** The line after the last record read: where a record that could not be read starts. */
    next: () => consumed + 1,
  };
}

async function readFile(path: string, spec: CsvFile, read: FolderRead): Promise<number> {
  const problem = (line: number | null, column: string | null, what: Problem) =>
    read.fileProblems.push({ file: spec.file, line, column, problem: what });
  const { entity } = spec;
  let header: (Column | null)[] | null = null;
  let rows = 0;
  const lines = lineCounter();

  const onRecord = (csv: CsvRecord) => {
    const line = lines.startOf(csv.raw);
    if (!header) {
      header = checkHeader(
        csv.record,
        spec,
        (column, what) => problem(line, column, what),
        read.missingColumns[entity],
      );
      return;
    }
    if (csv.record.length !== header.length) {
      problem(line, null, 'import.field-count');
      return;
    }
    const row: Record<string, unknown> = {};
    csv.record.forEach((cell, i) => {
      const column = header![i];
      if (!column) return;
      // Node decodes bytes that are not UTF-8 as U+FFFD.
      if (cell.includes('\uFFFD')) {
        problem(line, column.name, 'import.not-utf8');
        return;
      }
      if (column.kind === 'boolean' && cell !== '' && cell !== 'true' && cell !== 'false') {
        problem(line, column.name, 'import.boolean-invalid');
        return;
      }
      const value = cellValue(column.kind, cell);
      if (value !== undefined) row[column.name] = value;
    });
    read.lines[entity].push(line);
    addMasterdataRow(read.parsed, entity, rows, row);
    rows++;
  };

  const parser = parse({
    bom: true,
    raw: true,
    // Both, whatever the first line ends with: a file edited on two systems may mix them.
    record_delimiter: ['\r\n', '\n'],
    relax_column_count: true,
    skip_empty_lines: true,
  });
  // Records are handled as they are parsed ('data'), so that those before a syntax error are kept.
  parser.on('data', onRecord);
  try {
    await pipeline(createReadStream(path), parser);
  } catch (error) {
    const csvError = error as CsvError;
    if (typeof csvError.code !== 'string' || !csvError.code.startsWith('CSV_')) throw error;
    // csv-parse finds an unclosed quote only at the end of the file: name the record it opened in.
    problem(lines.next(), null, 'import.csv-syntax');
  }
  if (!header) problem(null, null, 'import.empty-file');
  return rows;
}

/** The header: every name a column of the file's, once; every required column there. */
function checkHeader(
  names: string[],
  spec: CsvFile,
  report: (column: string | null, what: Problem) => void,
  missing: Set<string>,
): (Column | null)[] {
  const seen = new Set<string>();
  const columns = names.map((name) => {
    const column = spec.columns.find((c) => c.name === name);
    if (!column) {
      report(name, 'import.unknown-column');
      return null;
    }
    if (seen.has(name)) {
      report(name, 'import.duplicate-column');
      return null;
    }
    seen.add(name);
    return column;
  });
  for (const column of spec.columns) {
    if (column.required && !seen.has(column.name)) {
      report(column.name, 'import.missing-column');
      missing.add(column.name);
    }
  }
  return columns;
}
