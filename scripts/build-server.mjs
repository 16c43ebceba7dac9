// Compiles server/src to dist/server file by file with oxc (the transformer vitest already runs the
// tests through), honouring server/tsconfig.json: legacy decorators with emitted metadata for
// type-graphql and MikroORM, no define semantics for class fields. It takes well under a second
// where `tsc` took 15–90 s, which is most of a newcomer's first `npm start`. Type checking is a
// separate step (`npm run typecheck`); this only strips types.
import fs from 'node:fs';
import path from 'node:path';
import { transformSync, TsconfigCache } from 'rolldown/utils';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const src = path.join(root, 'server/src');
const out = path.join(root, 'dist/server');
const tsconfig = path.join(root, 'server/tsconfig.json');

export function buildServer() {
  const cache = new TsconfigCache(tsconfig);
  fs.rmSync(out, { recursive: true, force: true });
  let files = 0;
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/(?<!\.test|\.d)\.ts$/.test(entry.name)) {
        const result = transformSync(file, fs.readFileSync(file, 'utf8'), { tsconfig, sourcemap: true, target: 'es2022' }, cache);
        if (result.errors.length) throw new Error(`${path.relative(root, file)}: ${result.errors.map((e) => e.message).join('; ')}`);
        const dest = path.join(out, path.relative(src, file)).replace(/\.ts$/, '.js');
        fs.mkdirSync(path.dirname(dest), { recursive: true });
        fs.writeFileSync(dest, `${result.code}\n//# sourceMappingURL=${path.basename(dest)}.map\n`);
        fs.writeFileSync(`${dest}.map`, JSON.stringify(result.map));
        files++;
      }
    }
  };
  walk(src);
  return files;
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const started = Date.now();
  const files = buildServer();
  console.log(`server: ${files} files compiled in ${Date.now() - started} ms`);
}
