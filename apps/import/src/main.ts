// pnpm run import <folder> [--dry-run] [--report <file>]: the initial load of a region's master
// data from CSV files (docs/integration.md), all or nothing. Exit codes: 0 done, 1 the files have
// problems (listed; nothing written), 2 wrong use, 3 refused or failed.
import { openConfiguredDb } from '@bmb/db/client';
import { IMPORT_USAGE, parseImportArgs } from './args';
import { readImportEnv } from './env';
import { EXIT, stdout } from './output';
import { checkImportFolder, runImport } from './run-import';

const args = parseImportArgs(process.argv.slice(2));
if (!args.ok) {
  console.error(`${args.message}\n\n${IMPORT_USAGE}`);
  process.exit(EXIT.usage);
}
if (args.help) {
  console.log(IMPORT_USAGE);
  process.exit(EXIT.done);
}
const env = readImportEnv();
const folder = env.resolvePath(args.folder);
const wrongFolder = await checkImportFolder(folder);
if (wrongFolder) {
  console.error(wrongFolder);
  process.exit(EXIT.usage);
}
const handle = await openConfiguredDb();
if (handle.kind === 'pglite')
  console.log('Embedded database (.data/): make sure no dev server is running on it.');
let exitCode: number = EXIT.failed;
try {
  exitCode = await runImport(
    handle.db,
    {
      folder,
      dryRun: args.dryRun,
      report: args.report === null ? null : env.resolvePath(args.report),
    },
    stdout,
  );
} catch (error) {
  console.error(error);
} finally {
  await handle.close();
}
process.exit(exitCode);
