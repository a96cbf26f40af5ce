// Lint for the whole tree, with type information (a floating promise is a lost submission until
// shown otherwise). Scopes are folder globs so new feature folders are covered without edits here.
// Folder boundaries live in .dependency-cruiser.mjs; formatting in .prettierrc.json.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const browserCode = ['renderer/**/*.{ts,tsx}', 'server/console-app/**/*.{ts,tsx}', 'server/dashboard-app/**/*.{ts,tsx}'];

export default defineConfig(
  { ignores: ['dist/**', 'data/**', 'test-results/**', 'node_modules/**'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // Off: Fastify handlers and fakes of Promise-returning interfaces are async without awaiting,
      // which is their contract, not a bug; the promise bugs are no-floating/no-misused-promises.
      '@typescript-eslint/require-await': 'off',
      // `let [a, b, ...rest]` where only some are reassigned stays one declaration.
      'prefer-const': ['error', { destructuring: 'all' }],
      // An unused name prefixed _ is a deliberate placeholder (a parameter kept for its position).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // Tests read JSON off the wire and state its shape with expect(); product code keeps these on.
    files: ['tests/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Kysely's own rule for migrations: a step is written against Kysely<any>, never against
    // today's schema types, so that a later change to server/db/schema.ts cannot alter a shipped step.
    files: ['server/db/migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Declarations for the per-runtime type checks (tsconfig.shared.json, tsconfig.dom.json) only.
    files: ['types/**/*.d.ts'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: browserCode,
    extends: [reactHooks.configs.flat['recommended-latest'], jsxA11y.flatConfigs.recommended],
    languageOptions: { globals: globals.browser },
    rules: {
      'react-hooks/exhaustive-deps': 'error',
      // Warnings, not errors: these judge code for the React Compiler, which we do not build with
      // (2026-12-04: set-state-in-effect 6, refs 5, purity 1). Each is a refactor to do on its own.
      'react-hooks/set-state-in-effect': 'warn',
      'react-hooks/refs': 'warn',
      'react-hooks/purity': 'warn',
    },
  },
);
