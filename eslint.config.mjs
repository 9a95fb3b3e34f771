// One flat config for the whole workspace: each package's `lint` script runs
// `eslint .` and ESLint finds this file by walking up.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nextPlugin from '@next/eslint-plugin-next';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { fileURLToPath } from 'node:url';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/.next/**',
      '**/.next-*/**',
      '**/.turbo/**',
      '**/.data/**',
      '**/dist/**',
      '**/migrations/**',
      '**/playwright-report/**',
      '**/test-results/**',
      '**/next-env.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Env is read and validated in one module per package (env.ts); nowhere else.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through the package env.ts module.' },
      ],
    },
  },
  {
    // instrumentation.ts reads NEXT_RUNTIME, Next.js's own switch, before env.ts can load.
    files: ['**/env.ts', '**/instrumentation.ts', '**/*.config.{ts,mjs,js}', '**/scripts/**', '**/test/**', '**/*.test.ts', 'e2e/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The web app is an adapter: screens read through @bmb/db/queries, and
    // every change goes through a command (packages/commands). docs/decisions/010.
    files: ['apps/web/app/**/*.{ts,tsx}', 'apps/web/components/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'drizzle-orm', message: 'Screens and actions do not build SQL: use a query from @bmb/db/queries or a command.' },
            { name: '@bmb/db/schema', message: 'Screens and actions do not touch tables: use a query from @bmb/db/queries or a command.' },
          ],
          patterns: [{ group: ['drizzle-orm/*'], message: 'Screens and actions do not build SQL.' }],
        },
      ],
    },
  },
  {
    // A server action turns a request into a command call and the result into a screen: the
    // transaction, the audit and the outbox are the command's.
    files: ['apps/web/**/actions.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='transaction']",
          message: 'A server action does not open a transaction: call a command from @bmb/commands.',
        },
      ],
    },
  },
  {
    // The use cases know nothing of their entry points: the web, the HTTP API and the import CLI call them alike.
    files: ['packages/commands/**/*.ts', 'packages/domain/**/*.ts', 'packages/db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['next', 'next/*', 'react', 'react-dom', 'server-only'], message: 'Commands, rules and queries never import Next.js or React.' },
            { group: ['@bmb/commands', '@bmb/web', '@/*'], message: 'Data flows one way: adapter → command → domain/db.' },
          ],
        },
      ],
    },
  },
  {
    // Type-aware rules for the packages whose code every entry point runs.
    files: ['packages/commands/src/**/*.ts', 'packages/domain/src/**/*.ts', 'packages/db/src/**/*.ts', 'packages/notifications/src/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeCheckedOnly],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: fileURLToPath(new URL('.', import.meta.url)) } },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, '@next/next': nextPlugin },
    languageOptions: { globals: { ...globals.browser } },
    settings: { next: { rootDir: fileURLToPath(new URL('./apps/web/', import.meta.url)) } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs['core-web-vitals'].rules,
    },
  },
);
