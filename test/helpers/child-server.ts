import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { buildIfStale } from '../../scripts/build-if-stale.mjs';
import { TEST_JWT_SECRET } from './test-secret.js';

/**
 * Starts the compiled server as a separate OS process on an existing database; `env` adds to or
 * overrides its environment (e.g. NODE_OPTIONS for a smaller heap).
 */
export async function startChildServer(databaseUrl: string, env: Record<string, string> = {}, startMs = 30_000): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  buildIfStale({ client: false });
  const child = spawn(process.execPath, [path.resolve('dist/server/main.js')], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', JWT_SECRET: TEST_JWT_SECRET, SEED_DEMO: 'false', NODE_ENV: 'test', LOG_LEVEL: 'warn', DB_POOL_SIZE: '3', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child server did not start: ${output}`)), startMs);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = output.match(/→ (http:\/\/\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1]!); }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`child server exited with ${code}: ${output}`)));
  });
  return {
    url,
    child,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
