/**
 * Writes a Brotli (`.br`) and a gzip (`.gz`) copy beside every text file of the build, once, at
 * the strongest settings; the server sends the copy the browser accepts (express-static-gzip,
 * server/src/app.ts). The first visit on a phone downloads about 1.7 MB of scripts as built and
 * about a quarter of that compressed: on a weak village signal that is the difference between
 * seconds and a minute. Compressing at build time costs the server nothing per request, which
 * compressing on the fly (at these sizes, tens of milliseconds a file) would.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Text the browser fetches; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/;
/** Below this a compressed copy saves less than a packet. */
const MIN_BYTES = 1024;

async function precompressFile(file: string): Promise<void> {
  const source = await fs.readFile(file);
  if (source.length < MIN_BYTES) return;
  const [br, gz] = await Promise.all([
    brotli(source, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: source.length } }),
    gzip(source, { level: zlib.constants.Z_BEST_COMPRESSION }),
  ]);
  // A copy that is not smaller would only cost the browser a decompression.
  await Promise.all([
    br.length < source.length ? fs.writeFile(`${file}.br`, br) : undefined,
    gz.length < source.length ? fs.writeFile(`${file}.gz`, gz) : undefined,
  ]);
}

export function precompress(): Plugin {
  return {
    name: 'aid-precompress',
    apply: 'build',
    enforce: 'post',
    writeBundle: {
      order: 'post',
      async handler(options, bundle) {
        const dir = options.dir!;
        const files = Object.keys(bundle).filter((name) => COMPRESSIBLE.test(name));
        await Promise.all(files.map((name) => precompressFile(path.join(dir, name))));
      },
    },
  };
}
