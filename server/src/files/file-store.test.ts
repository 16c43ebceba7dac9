import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { DiskFileStore, NotAccepted, TooLarge } from './file-store.js';

function listFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile());
}

describe('disk file store', () => {
  it('keeps no file of a stream refused in its first chunk (too large) or by its type', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-'));
    const store = new DiskFileStore(dir);
    for (let i = 0; i < 20; i++) {
      await expect(store.put(Readable.from([Buffer.alloc(100)]), 10)).rejects.toBeInstanceOf(TooLarge);
      await expect(store.put(Readable.from([Buffer.from('MZ not a pdf')]), 100, () => false)).rejects.toBeInstanceOf(NotAccepted);
    }
    expect(listFiles(dir)).toEqual([]);
    const kept = await store.put(Readable.from([Buffer.from('%PDF-1.4 ok')]), 100, () => true);
    expect(listFiles(dir)).toEqual([path.join(kept.sha256.slice(0, 2), kept.sha256)]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
