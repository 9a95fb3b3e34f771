// pnpm run export <folder>: the production workspace's master data as the import's CSV files
// (docs/integration.md), streamed page by page. Exit codes: 0 done, 2 wrong use, 3 failed.
import { openConfiguredDb } from '@bmb/db/client';
import { EXPORT_USAGE, parseExportArgs } from './args';
import { readImportEnv } from './env';
import { EXIT, stdout } from './output';
import { runExport } from './run-export';

const args = parseExportArgs(process.argv.slice(2));
if (!args.ok) {
  console.error(`${args.message}\n\n${EXPORT_USAGE}`);
  process.exit(EXIT.usage);
}
if (args.help) {
  console.log(EXPORT_USAGE);
  process.exit(EXIT.done);
}
const env = readImportEnv();
const handle = await openConfiguredDb();
if (handle.kind === 'pglite')
  console.log('Embedded database (.data/): make sure no dev server is running on it.');
let exitCode: number = EXIT.failed;
try {
  exitCode = await runExport(handle.db, env.resolvePath(args.folder), stdout);
} catch (error) {
  console.error(error);
} finally {
  await handle.close();
}
process.exit(exitCode);
