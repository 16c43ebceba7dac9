/**
 * Where attachment bytes live. The default keeps them on disk, content-addressed by sha256 (the
 * same file uploaded twice is stored once); another store (S3, OSS) implements the same interface.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';

export interface StoredFile {
  sha256: string;
  size: number;
  /** The first bytes, for type sniffing. */
  head: Buffer;
}

export interface FileStore {
  /**
   * Stores the stream when it is at most `maxBytes` and `accept(head)` agrees; otherwise throws
   * (TooLarge, NotAccepted) and keeps nothing.
   */
  put(stream: Readable, maxBytes: number, accept?: (head: Buffer) => boolean): Promise<StoredFile>;
  open(sha256: string): Readable;
}

export class TooLarge extends Error {}
export class NotAccepted extends Error {}

export class DiskFileStore implements FileStore {
  constructor(private readonly dir: string) {
    fs.mkdirSync(path.join(dir, 'tmp'), { recursive: true });
  }

  private pathOf(sha256: string): string {
    return path.join(this.dir, sha256.slice(0, 2), sha256);
  }

  async put(stream: Readable, maxBytes: number, accept?: (head: Buffer) => boolean): Promise<StoredFile> {
    const tmp = path.join(this.dir, 'tmp', randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    let head = Buffer.alloc(0);
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) return done(new TooLarge(`larger than ${maxBytes} bytes`));
        if (head.length < 16) head = Buffer.concat([head, chunk.subarray(0, 16 - head.length)]);
        hash.update(chunk);
        done(null, chunk);
      },
    });
    const out = fs.createWriteStream(tmp);
    try {
      await pipeline(stream, meter, out);
      // Checked before the file takes its place: a refused upload never reaches the store.
      if (accept && !accept(head)) throw new NotAccepted('refused by type');
      const sha256 = hash.digest('hex');
      const final = this.pathOf(sha256);
      fs.mkdirSync(path.dirname(final), { recursive: true });
      fs.renameSync(tmp, final);
      return { sha256, size, head };
    } catch (e) {
      // The file may still be opening when the pipeline fails (a refusal in the first chunk):
      // removed before its open completes, it would come back empty. Wait for the close.
      if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
      fs.rmSync(tmp, { force: true });
      throw e;
    }
  }

  open(sha256: string): Readable {
    return fs.createReadStream(this.pathOf(sha256));
  }
}
