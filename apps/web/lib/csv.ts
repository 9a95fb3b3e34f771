/**
 * One CSV cell for the extracts BMB hands out, which people open in Excel.
 *
 * Always quoted (the separator, quotes and line breaks stay inside the cell),
 * and a value that a spreadsheet would read as a formula is neutralised with a
 * leading apostrophe, as OWASP's "CSV Injection" advises: a user name or care
 * unit such as `=HYPERLINK(…)` or `@SUM(…)` must open as text, never run.
 * Tab and carriage return are on OWASP's list because Excel skips them before
 * looking for the formula sign.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${text.replaceAll('"', '""')}"`;
}

/** One line of cells, semicolon-separated (Excel's separator in a Swedish locale). */
export function csvRow(values: readonly string[]): string {
  return values.map(csvCell).join(';');
}
