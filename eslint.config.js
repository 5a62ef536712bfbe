// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Builds a `no-restricted-imports` rule that forbids importing the given
 * top-level folders, so each layer may only use the layers below it.
 * @param {string[]} folders
 * @param {string} reason
 * @param {{ group: string[], message: string }[]} [extraPatterns]
 */
function forbidLayers(folders, reason, extraPatterns = []) {
  return {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...folders.map((folder) => ({
            group: [`**/${folder}/*`, `${folder}/*`],
            message: reason,
          })),
          ...extraPatterns,
        ],
      },
    ],
  };
}

export default tseslint.config(
  {
    ignores: ['node_modules/', 'data/', 'dist/', 'out/', 'coverage/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        URL: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['shared/**'],
    rules: forbidLayers(
      ['main', 'renderer', 'server'],
      'shared/ is the lowest layer: it may not import main/, renderer/ or server/.',
    ),
  },
  {
    files: ['server/**'],
    rules: forbidLayers(
      ['main', 'renderer'],
      'server/ may import only shared/.',
    ),
  },
  {
    files: ['main/**'],
    rules: forbidLayers(
      ['renderer', 'server'],
      'main/ may import only shared/.',
    ),
  },
  {
    files: ['renderer/**'],
    rules: forbidLayers(
      ['main', 'server'],
      'renderer/ may import only shared/; it reaches main/ through the bridge.',
    ),
  },
  {
    // The client core runs in Chromium and in Node tests alike.
    files: ['renderer/core/**'],
    rules: forbidLayers(
      ['main', 'server'],
      'renderer/ may import only shared/; it reaches main/ through the bridge.',
      [
        {
          group: ['node:*', 'react', 'react-dom', 'react/*', 'electron'],
          message:
            'renderer/core/ uses only web APIs: no Node modules, React or Electron.',
        },
      ],
    ),
  },
);
