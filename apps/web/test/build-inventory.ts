import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * What the production build (`next build`) serves: every server action and
 * every route handler, read from Next's manifests, not from a hand-kept list.
 * A server action is reachable by anyone who knows its id, whether or not a
 * page still renders a form for it, so the build is the list to test.
 */
export const webDir = fileURLToPath(new URL('../', import.meta.url));
const nextDir = `${webDir}.next`;

/** One server action: the source file (relative to apps/web) and the export. */
export interface BuiltAction {
  id: string;
  /** e.g. `app/(app)/skickade-bmb/actions.ts` */
  file: string;
  exportName: string;
}

/** One route handler: its URL pattern and where its code is. */
export interface BuiltRoute {
  /** e.g. `/api/forskrivare`, `/admin/logg/utdrag` */
  path: string;
  /** The source module (`app/api/health/route.ts`), or null for a file Next serves itself (`icon.svg`). */
  file: string | null;
}

export interface BuildInventory {
  buildId: string;
  builtAt: Date;
  actions: BuiltAction[];
  routes: BuiltRoute[];
}

export const actionKey = (a: Pick<BuiltAction, 'file' | 'exportName'>) =>
  `${a.file}#${a.exportName}`;

/** The inventory of the build in apps/web/.next, or null when there is none. */
export function readBuildInventory(): BuildInventory | null {
  const referencesPath = `${nextDir}/server/server-reference-manifest.json`;
  const routesPath = `${nextDir}/app-path-routes-manifest.json`;
  if (!existsSync(`${nextDir}/BUILD_ID`) || !existsSync(referencesPath) || !existsSync(routesPath))
    return null;

  type Reference = { filename: string; exportedName: string };
  const references = JSON.parse(readFileSync(referencesPath, 'utf8')) as Record<
    'node' | 'edge',
    Record<string, Reference>
  >;
  const actions = Object.entries({ ...references.node, ...references.edge })
    .map(([id, ref]) => ({
      id,
      file: ref.filename.replace(/^apps\/web\//, ''),
      exportName: ref.exportedName,
    }))
    .sort((a, b) => actionKey(a).localeCompare(actionKey(b)));

  // "/(app)/admin/logg/utdrag/route" → "/admin/logg/utdrag"; pages end in /page.
  const appPaths = JSON.parse(readFileSync(routesPath, 'utf8')) as Record<string, string>;
  const routes = Object.entries(appPaths)
    .filter(([entry]) => entry.endsWith('/route'))
    .map(([entry, path]) => {
      const source = `app${entry.slice(0, -'/route'.length)}/route.ts`;
      return { path, file: existsSync(`${webDir}${source}`) ? source : null };
    })
    .sort((a, b) => a.path.localeCompare(b.path));

  return {
    buildId: readFileSync(`${nextDir}/BUILD_ID`, 'utf8').trim(),
    builtAt: statSync(referencesPath).mtime,
    actions,
    routes,
  };
}

/** The HTTP methods a route module exports (GET, POST, …). */
export async function routeMethods(route: BuiltRoute): Promise<string[]> {
  if (!route.file) return ['GET'];
  const loaded = (await import(/* @vite-ignore */ `${webDir}${route.file}`)) as Record<
    string,
    unknown
  >;
  return ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].filter(
    (m) => typeof loaded[m] === 'function',
  );
}

/**
 * Without a build (unit tests run before `next build` in CI): the exported
 * functions of every `'use server'` actions.ts file under app/ and
 * components/, found by reading the source. Same shape, no ids.
 */
export function sourceActionFiles(): string[] {
  return ['app', 'components']
    .flatMap((dir) => (readdirSync(`${webDir}${dir}`, { recursive: true }) as string[]).map((f) => `${dir}/${f.replaceAll('\\', '/')}`))
    .filter(
      (f) =>
        f.endsWith('/actions.ts') &&
        /^['"]use server['"]/m.test(readFileSync(`${webDir}${f}`, 'utf8')),
    )
    .sort();
}

/** Loads an action's function by the file and export name the build gave. */
export async function loadAction(
  action: Pick<BuiltAction, 'file' | 'exportName'>,
): Promise<(...args: unknown[]) => Promise<unknown>> {
  const loaded = (await import(/* @vite-ignore */ `${webDir}${action.file}`)) as Record<
    string,
    unknown
  >;
  const fn = loaded[action.exportName];
  if (typeof fn !== 'function')
    throw new Error(`${actionKey(action)} is in the build but not exported by the source`);
  return fn as (...args: unknown[]) => Promise<unknown>;
}

/** The actions to test: from the build when there is one, else from the source. */
export async function actionInventory(): Promise<{
  from: 'build' | 'source';
  actions: Omit<BuiltAction, 'id'>[];
}> {
  const build = readBuildInventory();
  if (build) return { from: 'build', actions: build.actions };
  const actions: Omit<BuiltAction, 'id'>[] = [];
  for (const file of sourceActionFiles()) {
    const loaded = (await import(/* @vite-ignore */ `${webDir}${file}`)) as Record<string, unknown>;
    for (const [exportName, value] of Object.entries(loaded)) {
      if (typeof value === 'function') actions.push({ file, exportName });
    }
  }
  return {
    from: 'source',
    actions: actions.sort((a, b) => actionKey(a).localeCompare(actionKey(b))),
  };
}
