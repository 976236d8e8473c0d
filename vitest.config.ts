import { defineConfig } from 'vitest/config'

// Three layers (CONTRIBUTING.md, "Tests"): unit tests beside the code, server tests through the app without
// sockets (also beside the code, under src/server), and end-to-end tests in test/e2e that run the
// built `idc`, the real `idc server`, Chromium, tmux and the real AWS CLIs.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'hono/jsx' } },
  test: {
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    // The SDK's notice that its 2027 releases need Node 22 would otherwise fill the test output
    // (idc's own entry point sets the same for its users; see src/cli/main.ts).
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          // After the unit project, with its own worker limit.
          sequence: { groupOrder: 1 },
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Two cores: end-to-end files start servers, browsers and the AWS CLI; run two at a time.
          maxWorkers: 2,
          fileParallelism: true,
        },
      },
    ],
  },
})
