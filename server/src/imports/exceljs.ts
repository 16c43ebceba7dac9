/**
 * exceljs, loaded with one fix: its streaming XML reader (lib/utils/parse-sax.js, 4.4.0) decodes
 * every chunk of a sheet on its own, so a Chinese character whose UTF-8 bytes straddle two chunks
 * came out as "户��" in large files. The fixed reader decodes with one streaming TextDecoder per
 * part. It is put in Node's module cache before exceljs first loads, so every part of exceljs uses
 * it; import exceljs through this module only (the tests do too).
 *
 * Loaded on first use, not at start: exceljs and its zip and XML libraries hold about 27 MB of a
 * process's memory, which a server that never imports or exports a file should not carry.
 */
import { createRequire } from 'node:module';
import type ExcelJSType from 'exceljs';

const require = createRequire(import.meta.url);

let loaded: typeof ExcelJSType | undefined;

function load(): typeof ExcelJSType {
  if (loaded) return loaded;
  const saxPath = require.resolve('exceljs/lib/utils/parse-sax.js');
  const cached = require.cache[saxPath];
  if (!cached) installSaxFix(saxPath);
  // exceljs loaded elsewhere first holds the unfixed reader, and Chinese text would be cut in
  // large files without a sign: say so at once instead.
  else if (!(cached.exports as { decodesAcrossChunks?: boolean }).decodesAcrossChunks) {
    throw new Error('exceljs was loaded before its streaming fix: import it through server/src/imports/exceljs.ts only');
  }
  loaded = require('exceljs') as typeof ExcelJSType;
  return loaded;
}

function installSaxFix(saxPath: string): void {
  const { SaxesParser } = require('saxes') as typeof import('saxes');
  async function* parseSax(iterable: AsyncIterable<Buffer | string>) {
    const parser = new SaxesParser();
    const decoder = new TextDecoder('utf-8');
    let error: unknown;
    parser.on('error', (err) => { error = err; });
    let events: { eventType: string; value: unknown }[] = [];
    parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
    parser.on('text', (value) => events.push({ eventType: 'text', value }));
    parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
    for await (const chunk of iterable) {
      parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
      if (error) throw error;
      yield events;
      events = [];
    }
    const rest = decoder.decode();
    if (rest) parser.write(rest);
    if (error) throw error;
    yield events;
  }
  const Module = require('node:module') as { new (id: string): { filename: string; loaded: boolean; exports: unknown; paths: string[] } };
  const m = new Module(saxPath);
  m.filename = saxPath;
  m.loaded = true;
  m.exports = Object.assign(parseSax, { decodesAcrossChunks: true });
  require.cache[saxPath] = m as never;
}

const ExcelJS = new Proxy({} as typeof ExcelJSType, { get: (_target, key) => Reflect.get(load(), key) });
export default ExcelJS;
