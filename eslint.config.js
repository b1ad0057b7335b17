import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const rawIpc = {
  paths: [
    {
      name: 'electron',
      importNames: ['ipcMain', 'ipcRenderer'],
      message: 'Only electron/ipc.ts and electron/preload.ts touch raw IPC.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', rawIpc],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='sendSync']",
          message: 'No synchronous IPC.',
        },
      ],
    },
  },
  {
    files: ['electron/ipc.ts', 'electron/preload.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: ['node:*', 'electron', '../electron/*', '../renderer/*', 'react', 'react-dom'],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...rawIpc,
          patterns: [
            { group: ['node:*', 'electron'], message: 'The renderer has no Node or Electron.' },
            {
              group: ['../electron/*', '../../electron/*'],
              allowTypeImports: true,
              message: 'The renderer imports only types from electron/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.{ts,mjs}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...rawIpc,
          patterns: [
            {
              group: ['../renderer/*', '../../renderer/*'],
              allowTypeImports: true,
              message: 'The Node side imports only types from renderer/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/ipc.ts', 'electron/preload.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.{js,mjs,cjs}', 'electron/build.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
);
