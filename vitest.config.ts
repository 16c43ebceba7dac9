import { defineConfig } from 'vitest/config';

// Vite 8 compiles TypeScript with oxc: legacy decorators plus emitted metadata are what
// type-graphql and MikroORM expect. The graphql alias keeps a single copy of graphql-js in
// the module graph ("Cannot use GraphQLObjectType from another module or realm" otherwise).
export default defineConfig({
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } } as never,
  resolve: { alias: { graphql: 'graphql/index.js' } },
  test: {
    include: ['server/src/**/*.test.ts', 'client/src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['reflect-metadata'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most of a test's time is spent waiting on PostgreSQL and child servers, so two files at a
    // time keep both cores busy (vitest's default is one worker on a two-core machine).
    maxWorkers: 2,
  },
});
