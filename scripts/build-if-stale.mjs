// Builds the server (oxc, scripts/build-server.mjs) and the client (vite) when their output is missing or older than the sources.
import fs from 'node:fs';
import path from 'node:path';
import { execSync } from 'node:child_process';
import { buildServer } from './build-server.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function newest(dir) {
  let t = 0;
  if (!fs.existsSync(dir)) return t;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

const mtime = (file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0);
const run = (cmd) => execSync(cmd, { cwd: root, stdio: 'inherit' });

export function buildIfStale({ client = true } = {}) {
  const serverOut = path.join(root, 'dist/server/main.js');
  if (mtime(serverOut) < newest(path.join(root, 'server/src'))) {
    console.log('building the server…');
    buildServer();
  }
  const clientOut = path.join(root, 'dist/client/index.html');
  if (client && fs.existsSync(path.join(root, 'client/index.html')) && mtime(clientOut) < Math.max(newest(path.join(root, 'client')), mtime(path.join(root, 'package-lock.json')))) {
    console.log('building the web client…');
    run('npx vite build --config client/vite.config.ts');
  }
}

if (process.argv[1] === new URL(import.meta.url).pathname) buildIfStale();
