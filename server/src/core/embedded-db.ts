/**
 * The embedded default database: PGlite (PostgreSQL compiled to WASM) stored in DATA_DIR/pglite,
 * served on a free loopback port (core/embedded-socket.ts) so that the same `pg` driver, MikroORM
 * code and migrations serve embedded and real PostgreSQL alike.
 *
 * PGlite has a single backend. The socket server multiplexes connections but serialises
 * transactions: code must never wait on a second connection while holding a transaction open.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { EmbeddedSocketServer } from './embedded-socket.js';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/** `dir` undefined means an in-memory database (tests). */
export async function startEmbeddedDatabase(dir: string | undefined, maxConnections = 8): Promise<EmbeddedDatabase> {
  if (dir) fs.mkdirSync(path.dirname(dir), { recursive: true });
  const db = await PGlite.create(dir ?? 'memory://');
  const server = new EmbeddedSocketServer(db, maxConnections);
  const port = await server.listen();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
