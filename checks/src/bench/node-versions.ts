import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../harness/processes';

/** A Node.js binary the servers run on. */
export interface NodeBinary {
  /** `v24.21.0` */
  version: string;
  major: number;
  path: string;
  /** The binary this benchmark itself runs on. */
  current: boolean;
}

const CACHE = join(REPO_ROOT, 'checks/node_modules/.cache/bmb-bench');
const major = (version: string) => Number(version.replace(/^v/, '').split('.')[0]);

const current = (): NodeBinary => ({
  version: process.version,
  major: major(process.version),
  path: process.execPath,
  current: true,
});

/**
 * Node `n` (a major version) from the npm registry's `node` package, through
 * npx (which keeps it in its cache); where the binary is, is kept in
 * checks/node_modules/.cache so that later runs need not ask npx.
 */
function fromRegistry(n: number): NodeBinary {
  const cached = join(CACHE, `node-${n}.json`);
  if (existsSync(cached)) {
    const binary = JSON.parse(readFileSync(cached, 'utf8')) as NodeBinary;
    if (existsSync(binary.path)) return binary;
  }
  console.log(`Fetching Node.js ${n} (npx -y -p node@${n}) …`);
  const result = spawnSync(
    'npx',
    ['-y', '-p', `node@${n}`, 'node', '-e', 'process.stdout.write(JSON.stringify([process.execPath, process.version]))'],
    { encoding: 'utf8', cwd: REPO_ROOT },
  );
  if (result.status !== 0) throw new Error(`Could not get Node.js ${n} through npx:\n${result.stderr}`);
  const [path, version] = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as [string, string];
  if (major(version) !== n) throw new Error(`npx gave Node.js ${version} for node@${n}`);
  const binary: NodeBinary = { version, major: n, path, current: false };
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(cached, JSON.stringify(binary));
  return binary;
}

/** `--node current,24`: the machine's Node and Node 24 (the same one once if they agree). */
export function nodeBinaries(spec: string): NodeBinary[] {
  const out: NodeBinary[] = [];
  for (const token of spec.split(',').map((t) => t.trim()).filter(Boolean)) {
    const wanted = token === 'current' ? current() : /^\d+$/.test(token) ? Number(token) : NaN;
    if (typeof wanted === 'number' && !Number.isInteger(wanted))
      throw new Error(`--node takes "current" or major versions (e.g. 20,24), not ${token}`);
    const binary =
      typeof wanted !== 'number' ? wanted : wanted === current().major ? current() : fromRegistry(wanted);
    if (!out.some((b) => b.path === binary.path)) out.push(binary);
  }
  if (out.length === 0) throw new Error('--node names no Node.js version');
  return out;
}
