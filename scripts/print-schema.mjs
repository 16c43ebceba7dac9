// Writes the GraphQL SDL to docs/schema.graphql; with --check, fails when the file is out of date.
import fs from 'node:fs';
import path from 'node:path';
import { buildIfStale } from './build-if-stale.mjs';

buildIfStale();
const { printSchema, lexicographicSortSchema } = await import('graphql');
const { createSchema } = await import('../dist/server/schema.js');
const sdl = printSchema(lexicographicSortSchema(await createSchema())) + '\n';
const file = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../docs/schema.graphql');
if (process.argv.includes('--check')) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (current !== sdl) {
    console.error('docs/schema.graphql is out of date: run `npm run schema:print` and commit it.');
    process.exit(1);
  }
  console.log('docs/schema.graphql is current.');
} else {
  fs.writeFileSync(file, sdl);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
