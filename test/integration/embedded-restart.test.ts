import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../../server/src/app.js';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-users.js';

const gql = async (url: string, query: string, token?: string) =>
  (await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query }) })).json() as Promise<any>;

describe('embedded database on disk', () => {
  it('keeps data and tokens across a restart, without seeding twice', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aid-embedded-'));
    const opts = { env: 'test', port: 0, host: '127.0.0.1', databaseUrl: undefined, dataDir, embedded: 'disk' as const, logLevel: 'error', jwtSecret: undefined };
    try {
      const first = await startServer(opts);
      const login = await gql(first.url, `mutation { login(username: "admin", password: "${DEMO_PASSWORD}") { token } }`);
      const token = login.data.login.token;
      await gql(first.url, 'mutation { createUser(input: {username: "kept_user", password: "kept-password-1", displayName: "留存用户"}) { id } }', token);
      const before = (await gql(first.url, '{ applications(first: 1) { totalCount } }', token)).data.applications.totalCount;
      await first.close();

      const second = await startServer(opts);
      try {
        expect((await gql(second.url, '{ me { username } }', token)).data.me.username).toBe('admin');
        const again = await gql(second.url, 'mutation { login(username: "kept_user", password: "kept-password-1") { user { displayName } } }');
        expect(again.data.login.user.displayName).toBe('留存用户');
        expect((await gql(second.url, '{ applications(first: 1) { totalCount } }', token)).data.applications.totalCount).toBe(before);
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses a second server on the same folder before opening it, and takes over a lock left by a crash', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aid-embedded-lock-'));
    const lock = path.join(dataDir, 'pglite.lock');
    const opts = { env: 'test', port: 0, host: '127.0.0.1', databaseUrl: undefined, dataDir, embedded: 'disk' as const, logLevel: 'error', jwtSecret: undefined };
    try {
      // Another live process (the test runner's parent) holds the folder: nothing is opened.
      fs.writeFileSync(lock, String(process.ppid));
      await expect(startServer(opts)).rejects.toThrow(new RegExp(`in use by process ${process.ppid}.*正被进程 ${process.ppid} 使用`));
      expect(fs.existsSync(path.join(dataDir, 'pglite'))).toBe(false);
      expect(fs.readFileSync(lock, 'utf8')).toBe(String(process.ppid));

      // A lock whose process has ended (a crash, a power cut) is taken over, and released on close.
      fs.writeFileSync(lock, '2147483646');
      const server = await startServer(opts);
      try {
        expect(fs.readFileSync(lock, 'utf8')).toBe(String(process.pid));
      } finally {
        await server.close();
      }
      expect(fs.existsSync(lock)).toBe(false);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
