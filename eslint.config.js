import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/** The files that build the real environment (see ENVIRONMENT_MODULES in test/architecture.test.ts). */
const ENVIRONMENT_MODULES = [
  'src/core/node-env.ts',
  'src/core/credentials/node-process-runner.ts',
  'src/core/aws/http-handler.ts',
  'src/cli/node-cli-env.ts',
  'src/cli/main.ts',
  'src/cli/io/callback-server.ts',
  'src/cli/io/loopback-server.ts',
  'src/cli/io/open-url.ts',
]
/** The server's composition root and its socket fast path (SERVER_IO_MODULES there). */
const SERVER_IO_MODULES = ['src/server/main.ts', 'src/server/node-listener.ts', 'src/server/data-dir.ts']

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.cache/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        fetch: 'readonly',
      },
    },
    rules: {
      'no-undef': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    // CommonJS files (the `idc` entry point) load Node's modules with require().
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // IO (files, processes, sockets, fetch, timers, environment variables, the clock) goes through
    // the injected environment. Only the modules that build it may touch Node's IO directly; the
    // same list, with the reason for each file, is in test/architecture.test.ts.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: [...ENVIRONMENT_MODULES, ...SERVER_IO_MODULES, '**/*.test.ts', '**/*.test.tsx', '**/testdata/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Use env.vars from the injected Env.' },
        { object: 'Date', property: 'now', message: 'Use env.now() from the injected Env.' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'Network calls go through the injected environment (env.probeHttp, env.clients).' },
        { name: 'setTimeout', message: 'Use env.sleep() or env.repeat().' },
        { name: 'setInterval', message: 'Use env.repeat().' },
        { name: 'setImmediate', message: 'Timers go through the injected environment.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use new Date(env.now()).' },
      ],
      // The typescript-eslint variant, so that type-only imports stay allowed and the layer rules
      // below (plain no-restricted-imports) do not replace this one.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['node:fs', 'node:fs/promises', 'node:child_process', 'node:http', 'node:https'].map((name) => ({
            name,
            allowTypeImports: true,
            message: 'Files, processes and sockets go through the injected environment (env.fs, env.spawn, ...).',
          })),
        },
      ],
      'no-console': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/cli/**', '**/server/**'], message: 'core depends on neither cli nor server.' }] },
      ],
    },
  },
  {
    files: ['src/server/**/*.ts', 'src/server/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/cli/**'], message: 'server never imports cli.' }] },
      ],
    },
  },
)
