import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The boundaries of docs/decisions/010 are lint rules, run by `pnpm lint`. These tests prove the
 * rules are there and bite: each lints a small file that breaks one, as if it stood where the
 * rule applies.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function rulesBroken(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('boundaries (docs/decisions/010)', () => {
  it('a server action may not open a transaction, build SQL or touch tables', async () => {
    const broken = await rulesBroken(
      'apps/web/app/(app)/hjalpmedel/actions.ts',
      `'use server';
import { sql } from 'drizzle-orm';
import { bmbs } from '@bmb/db/schema';
import { getDb } from '@bmb/db/client';
export async function act() {
  await (await getDb()).transaction(async (tx) => tx.execute(sql\`select \${bmbs.id}\`));
}
`,
    );
    expect(broken).toEqual([
      expect.stringMatching(/^no-restricted-imports: 'drizzle-orm'/),
      expect.stringMatching(/^no-restricted-imports: '@bmb\/db\/schema'/),
      expect.stringMatching(/^no-restricted-syntax: A server action does not open a transaction/),
    ]);
  });

  it('a screen may not import the tables either', async () => {
    const broken = await rulesBroken(
      'apps/web/components/x/table.tsx',
      `import { loans } from '@bmb/db/schema';\nexport const x = loans;\n`,
    );
    expect(broken).toEqual([expect.stringMatching(/^no-restricted-imports: '@bmb\/db\/schema'/)]);
  });

  it('commands, rules and queries never import Next.js, React or the web app', async () => {
    for (const path of ['packages/commands/x.ts', 'packages/domain/x.ts', 'packages/db/x.ts']) {
      const broken = await rulesBroken(
        path,
        `import { redirect } from 'next/navigation';\nimport { x } from '@/lib/x';\nexport const y = [redirect, x];\n`,
      );
      expect(broken, path).toEqual([
        expect.stringMatching(/^no-restricted-imports/),
        expect.stringMatching(/^no-restricted-imports/),
      ]);
    }
  });

  it("every 'use server' module is an actions.ts, where the rules apply", () => {
    const web = join(root, 'apps/web');
    const files = (readdirSync(web, { recursive: true }) as string[]).filter(
      (f) => /\.tsx?$/.test(f) && !f.includes('node_modules') && !f.startsWith('.next'),
    );
    const serverModules = files.filter((f) =>
      /^\s*['"]use server['"]/.test(readFileSync(join(web, f), 'utf8')),
    );
    expect(serverModules.length).toBeGreaterThanOrEqual(10);
    expect(
      serverModules
        .filter((f) => !f.endsWith('actions.ts'))
        .map((f) => relative(root, join(web, f))),
    ).toEqual([]);
  });
});
