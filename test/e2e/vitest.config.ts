import { defineConfig } from 'vitest/config';

// Browser tests: the real server in-process (same oxc/graphql setup as the root config, because
// it compiles the server's decorators) and Debian's chromium driven by playwright-core.
export default defineConfig({
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } } as never,
  resolve: { alias: { graphql: 'graphql/index.js' } },
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    // The client build, then (on PostgreSQL) the seeded template database every test server copies.
    globalSetup: ['test/e2e/global-setup.ts', 'test/global-setup.ts'],
    setupFiles: ['reflect-metadata'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
