/**
 * The embedded default database: PGlite (PostgreSQL compiled to WASM) stored in DATA_DIR/pglite,
 * served on a free loopback port by pglite-socket so that the same `pg` driver, MikroORM code and
 * migrations serve embedded and real PostgreSQL alike.
 *
 * PGlite has a single backend. The socket server multiplexes connections but serialises
 * transactions: code must never wait on a second connection while holding a transaction open.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/** `dir` undefined means an in-memory database (tests). */
export async function startEmbeddedDatabase(dir: string | undefined, maxConnections = 8): Promise<EmbeddedDatabase> {
  if (dir) fs.mkdirSync(path.dirname(dir), { recursive: true });
  const db = await PGlite.create(dir ?? 'memory://');
  const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections });
  await server.start();
  const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
