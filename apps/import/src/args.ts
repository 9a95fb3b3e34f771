import { parseArgs } from 'node:util';

export const IMPORT_USAGE = `Usage: pnpm run import <folder> [--dry-run] [--report <file>]
  <folder>         the CSV files: payers.csv, delivery-addresses.csv, prescribers.csv, patients.csv,
                   articles.csv, units.csv, loans.csv (each optional; docs/integration.md)
  --dry-run        check everything and count what would change; write nothing
  --report <file>  where the full list of problems goes; default <folder>/import-report.txt
Writes to DATABASE_URL's PostgreSQL, else the embedded PGlite in .data/: never run it beside a
running dev server on PGlite (it has no lock). (\`pnpm import\` is pnpm's own command: say \`run\`.)`;

export const EXPORT_USAGE = `Usage: pnpm run export <folder>
  <folder>  where the CSV files are written (created if missing; it must not hold them already)
Reads DATABASE_URL's PostgreSQL, else the embedded PGlite in .data/: never run it beside a
running dev server on PGlite (it has no lock).`;

export type Parsed<T> =
  { ok: true; help: true } | ({ ok: true; help: false } & T) | { ok: false; message: string };

/** The arguments as pnpm forwards them: a `--` it passed on is not the user's. */
const userArgs = (argv: readonly string[]) => (argv[0] === '--' ? argv.slice(1) : [...argv]);

function oneFolder(positionals: string[]): { folder: string } | { message: string } {
  if (positionals.length === 0) return { message: 'Name the folder.' };
  if (positionals.length > 1)
    return { message: `One folder only, not ${positionals.map((p) => `"${p}"`).join(' and ')}.` };
  return { folder: positionals[0]! };
}

export function parseImportArgs(
  argv: readonly string[],
): Parsed<{ folder: string; dryRun: boolean; report: string | null }> {
  let parsed;
  try {
    parsed = parseArgs({
      args: userArgs(argv),
      options: {
        'dry-run': { type: 'boolean' },
        report: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  if (parsed.values.help) return { ok: true, help: true };
  const folder = oneFolder(parsed.positionals);
  if ('message' in folder) return { ok: false, message: folder.message };
  const { report } = parsed.values;
  if (report !== undefined && (report === '' || report.startsWith('-')))
    return { ok: false, message: 'Option --report needs a file name.' };
  return {
    ok: true,
    help: false,
    folder: folder.folder,
    dryRun: parsed.values['dry-run'] === true,
    report: report ?? null,
  };
}

export function parseExportArgs(argv: readonly string[]): Parsed<{ folder: string }> {
  let parsed;
  try {
    parsed = parseArgs({
      args: userArgs(argv),
      options: { help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  if (parsed.values.help) return { ok: true, help: true };
  const folder = oneFolder(parsed.positionals);
  if ('message' in folder) return { ok: false, message: folder.message };
  return { ok: true, help: false, folder: folder.folder };
}
