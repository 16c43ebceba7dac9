import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from '../../server/src/app.js';
import type { Config } from '../../server/src/core/config.js';
import { createTestDatabase } from './database.js';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-users.js';

import { TEST_JWT_SECRET } from './test-secret.js';

export { TEST_JWT_SECRET };

export interface TestServer extends RunningServer {
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult<T>>;
  login(username: string, password?: string): Promise<string>;
  stop(): Promise<void>;
}

export interface GqlResult<T> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string; problems?: Array<{ path: string; message: string }>; [k: string]: unknown } }>;
}

/** Starts the real server over HTTP on a free port with its own database, seeded with demo data. */
export async function startTestServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  // A copy of the seeded template (global setup) when it exists: migrations and demo data once per run.
  const db = await createTestDatabase({ seeded: true });
  const server = await startServer({
    env: 'test',
    port: 0,
    host: '127.0.0.1',
    databaseUrl: db.url,
    embedded: 'memory',
    jwtSecret: TEST_JWT_SECRET,
    logLevel: 'error',
    dbPoolSize: 5,
    // Tests read the board right after changing it; the board cache has its own test (board-cache.test.ts).
    boardCacheMs: 0,
    uploadDir: fs.mkdtempSync(path.join(os.tmpdir(), 'aid-uploads-')),
    ...overrides,
  });
  const gql = async <T>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult<T>> => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as GqlResult<T>;
    return { ...body, status: res.status };
  };
  const tokens = new Map<string, string>();
  return {
    ...server,
    gql,
    async login(username, password = DEMO_PASSWORD) {
      const cached = tokens.get(username + password);
      if (cached) return cached;
      const r = await gql<{ login: { token: string } }>(
        'mutation($u:String!,$p:String!){ login(username:$u,password:$p){ token } }',
        { u: username, p: password },
      );
      if (!r.data) throw new Error(`login ${username} failed: ${JSON.stringify(r.errors)}`);
      tokens.set(username + password, r.data.login.token);
      return r.data.login.token;
    },
    async stop() {
      await server.close();
      await db.drop();
    },
  };
}

/** The extensions.code of the first error, for terse assertions. */
export const codeOf = (r: GqlResult<unknown>) => r.errors?.[0]?.extensions?.code;
