/**
 * The embedded default database: PGlite (PostgreSQL compiled to WASM) stored in DATA_DIR/pglite,
 * served on a free loopback port (core/embedded-socket.ts) so that the same `pg` driver, MikroORM
 * code and migrations serve embedded and real PostgreSQL alike.
 *
 * PGlite has a single backend. The socket server multiplexes connections but serialises
 * transactions: code must never wait on a second connection while holding a transaction open.
 *
 * One process per data directory: PGlite writes its files by path and, unlike PostgreSQL, does not
 * check its `postmaster.pid`, so a second `npm start` in the same folder (another terminal, a
 * forgotten one in the background) would write the same files and corrupt the database beyond
 * starting. A lock file beside the directory (`pglite.lock`, the owner's process id) refuses the
 * second process before it opens anything; a lock left by a process that no longer runs (a crash,
 * a power cut) is taken over.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { EmbeddedSocketServer } from './embedded-socket.js';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const running = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
};

/** Takes `<dir>.lock` for this process; returns its release. Throws when a live process holds it. */
export function lockDataDir(dir: string): () => void {
  const file = `${dir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      const release = () => {
        process.off('exit', release);
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.on('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number(fs.readFileSync(file, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && running(owner)) {
        throw new Error(`The embedded database in ${dir} is in use by process ${owner}: stop it first (two servers on one folder would corrupt it). `
          + `内置数据库 ${dir} 正被进程 ${owner} 使用：请先停止该进程（两个服务同时使用同一目录会损坏数据）。`);
      }
      fs.rmSync(file, { force: true }); // left by a process that has ended
    }
  }
  throw new Error(`Could not lock ${file}`);
}

/** `dir` undefined means an in-memory database (tests). */
export async function startEmbeddedDatabase(dir: string | undefined, maxConnections = 8): Promise<EmbeddedDatabase> {
  if (dir) fs.mkdirSync(path.dirname(dir), { recursive: true });
  const release = dir ? lockDataDir(dir) : () => undefined;
  try {
    const db = await PGlite.create(dir ?? 'memory://');
    const server = new EmbeddedSocketServer(db, maxConnections);
    const port = await server.listen();
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      async stop() {
        await server.stop();
        await db.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}
