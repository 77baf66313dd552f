// typescript-eslint over every package's src and test, type-aware.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/.nx/**', '**/.jupyter/**', '**/.scratch-dist/**', 'notebooks/**', '**/*.ipynb'],
  },
  {
    files: ['packages/*/src/**/*.ts', 'packages/*/test/**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended, importX.flatConfigs.typescript],
    languageOptions: {
      // One program per package, from its test tsconfig (which includes src), all in the one ESLint process that
      // `npm run lint` starts: TypeScript's library files are read and bound once for the three packages, not six times.
      parserOptions: { project: ['packages/*/test/tsconfig.json'], tsconfigRootDir: dirname(fileURLToPath(import.meta.url)) },
    },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: ['packages/*/tsconfig.json', 'packages/*/test/tsconfig.json'], alwaysTryTypes: true, noWarnOnMultipleProjects: true }),
      ],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // optional and heavy modules (tfjs-node, the wasm backend, tslab internals, @attnlab/core in the sandbox) are deliberately loaded lazily with require()
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
);
