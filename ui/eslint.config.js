import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

// Only src/lib/api.ts talks to Tauri (see ARCHITECTURE.md).
const tauriOnlyInApi = {
  group: ['@tauri-apps/*'],
  message: 'Call Tauri only through src/lib/api.ts.',
};

export default ts.config(
  { ignores: ['dist/', 'node_modules/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [tauriOnlyInApi] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser } },
  },
  {
    // A screen (src/features/X, one flat folder each) never imports another screen's files: what
    // two screens share goes to src/components or src/lib.
    files: ['src/features/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            tauriOnlyInApi,
            {
              regex: '^\\.\\./(?!\\.\\./)|(^|/)features/',
              message: 'A feature folder does not import another one: move what both use to src/components or src/lib.',
            },
          ],
        },
      ],
    },
  },
  { files: ['src/lib/api.ts'], rules: { 'no-restricted-imports': 'off' } },
);
