import { defineConfig } from 'vitest/config';

// One config, one project per test layer (ARCHITECTURE.md "Tests"). `npm test` runs them all.
const env = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

export default defineConfig({
  test: {
    env,
    reporters: ['default'],
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], env } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: ['test/integration/storage/**'],
          env,
          testTimeout: 30_000,
          hookTimeout: 180_000,
        },
      },
      // The storage suite runs on dynalite and Amazon DynamoDB Local, both started once per run.
      {
        test: {
          name: 'storage',
          include: ['test/integration/storage/**/*.test.ts'],
          globalSetup: ['test/support/dynamodb-global-setup.ts'],
          env,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      { test: { name: 'infra', include: ['test/infra/**/*.test.ts'], env, testTimeout: 60_000 } },
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], env, testTimeout: 120_000, hookTimeout: 120_000 } },
      // The viewer and the user's path in headless Chromium (Debian's chromium, driven by playwright-core).
      { test: { name: 'browser', include: ['test/browser/**/*.test.ts'], env, testTimeout: 120_000, hookTimeout: 300_000 } },
      // The hostile-input catalogue (docs/security.md): one test per case, each naming its number.
      {
        test: {
          name: 'security',
          include: ['test/security/**/*.test.ts'],
          env: { ...env, POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
