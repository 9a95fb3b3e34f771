import type { RowProblem } from '@bmb/commands';
import { messageText, problemCode } from '@bmb/domain';
import { CSV_FILES, csvFileOf } from './csv-format';
import type { FileProblem, FolderRead } from './read-folder';

/**
 * The command names a bad row by its list and its index in it; a person
 * fixing a file needs the file, the line and the column.
 */
export function placeRowProblems(rows: readonly RowProblem[], read: FolderRead): FileProblem[] {
  const placed: FileProblem[] = [];
  for (const row of rows) {
    if (row.entity === 'batch') continue;
    const entity = row.entity as keyof FolderRead['lines'];
    // A list field's item is named `payerCodes.2`: the column is `payerCodes`, its third item.
    const [column = null, item] = row.field === '' ? [] : row.field.split('.');
    // A required column missing from the header was said once there.
    if (
      problemCode(row.problem) === 'masterdata.field-required' &&
      column &&
      read.missingColumns[entity].has(column)
    )
      continue;
    placed.push({
      file: csvFileOf(entity).file,
      line: read.lines[entity][row.index] ?? null,
      column,
      ...(item !== undefined && /^\d+$/.test(item) ? { item: Number(item) } : {}),
      problem: row.problem,
    });
  }
  return placed;
}

const fileOrder = (file: string) => {
  const at = CSV_FILES.findIndex((f) => f.file === file);
  return at < 0 ? -1 : at;
};

/** By file in the order they are read (unknown files first), then line, then column. */
export function sortFileProblems(problems: FileProblem[]): FileProblem[] {
  const columnOrder = (p: FileProblem) =>
    p.column === null
      ? -1
      : (CSV_FILES.find((f) => f.file === p.file)?.columns.findIndex((c) => c.name === p.column) ??
        -1);
  return [...problems].sort(
    (a, b) =>
      fileOrder(a.file) - fileOrder(b.file) ||
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      columnOrder(a) - columnOrder(b) ||
      (a.item ?? -1) - (b.item ?? -1),
  );
}

/** `patients.csv, rad 3, personnummer: <the Swedish sentence>`; an item of a list: `payerCodes (nr 2)`. */
export function reportLine({ file, line, column, item, problem }: FileProblem): string {
  const named = column === '' ? '""' : column;
  const where = [
    file,
    line === null ? null : `rad ${line}`,
    named === null ? null : item === undefined ? named : `${named} (nr ${item + 1})`,
  ]
    .filter((part) => part !== null)
    .join(', ');
  return `${where}: ${messageText(problem)}`;
}
