import { defineConfig } from 'vitest/config';

// Vite 8 compiles TypeScript with oxc: legacy decorators plus emitted metadata are what
// type-graphql and MikroORM expect. The graphql alias keeps a single copy of graphql-js in
// the module graph ("Cannot use GraphQLObjectType from another module or realm" otherwise).
const compile = {
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } } as never,
  resolve: { alias: { graphql: 'graphql/index.js' } },
};

/** Unit and integration tests: real PostgreSQL (TEST_DATABASE_URL) or embedded PGlite. */
export const unit = {
  name: 'unit',
  include: ['server/src/**/*.test.ts', 'client/src/**/*.test.ts', 'test/**/*.test.ts'],
  exclude: ['test/e2e/**', 'node_modules/**'],
  globalSetup: ['test/global-setup.ts'],
  setupFiles: ['reflect-metadata'],
  testTimeout: 30_000,
  hookTimeout: 60_000,
  pool: 'forks' as const,
  // Files share their worker process (about 70 s less of a 250 s run: the server's modules are
  // loaded once per worker, not once per file). Every file starts its own server on its own
  // database and stops it; the caches that outlive a file are keyed by immutable rows.
  isolate: false,
};

/** Browser tests: the real server in-process and Debian's chromium driven by playwright-core. */
export const e2e = {
  name: 'e2e',
  include: ['test/e2e/**/*.e2e.test.ts'],
  // The client build, then (on PostgreSQL) the seeded template database every test server copies.
  globalSetup: ['test/e2e/global-setup.ts', 'test/global-setup.ts'],
  setupFiles: ['reflect-metadata'],
  testTimeout: 120_000,
  hookTimeout: 180_000,
  // A page settles in well under a second on a quiet machine, but beside another browser file on
  // two cores a dialog's closing animation took longer than expect.poll's default of 1 s.
  expect: { poll: { timeout: 15_000 } },
  pool: 'forks' as const,
};

// `npm test` runs the unit project, then the browser project, two files at a time each (6 ½
// to 20 minutes on two cores, docs/testing.md). Both in one pool was no faster, and browser tests beside CPU-heavy
// integration files lost clicks and timed out now and then (docs/testing.md).
// One project alone: `npm run test:unit`, `npm run test:e2e`.
export default defineConfig({
  ...compile,
  test: {
    maxWorkers: 2,
    projects: [
      { ...compile, test: unit },
      { ...compile, test: e2e },
    ],
  },
});
