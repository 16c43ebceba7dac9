/**
 * Uploaded import files live in the attachment store (content-addressed by sha256, so the same
 * file uploaded twice is kept once). The spreadsheet reader wants a file on disk: a store that is
 * not a local disk is copied to a temporary file for the run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { FileStore } from '../files/file-store.js';

export interface FileStoreForImports {
  store: FileStore;
  /** A local path holding the file's bytes until `release`. */
  localPath(sha256: string): Promise<{ path: string; release(): void }>;
}

export function importFiles(store: FileStore): FileStoreForImports {
  return {
    store,
    async localPath(sha256) {
      const tmp = path.join(os.tmpdir(), `import-${randomUUID()}`);
      await pipeline(store.open(sha256), fs.createWriteStream(tmp));
      return { path: tmp, release: () => fs.rmSync(tmp, { force: true }) };
    },
  };
}
