/**
 * Typed operations from the schema (`npm run codegen`). The schema is docs/schema.graphql, printed
 * from the server by `npm run schema:print`: run both after the server's API changes. Every
 * `graphql(...)` call in client/src is validated against it and typed; the output is committed so
 * the build never needs a running server.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'docs/schema.graphql',
  documents: ['client/src/**/*.{ts,tsx}', '!client/src/graphql/**'],
  ignoreNoDocuments: true,
  generates: {
    'client/src/graphql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { JSON: 'any', DateTime: 'string' },
      },
    },
  },
};

export default config;
