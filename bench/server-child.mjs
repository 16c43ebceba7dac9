// Runs the real compiled server in its own process, so the bench reads its RSS from /proc and the
// load generator does not share its event loop. Options arrive as JSON in argv[2].
// BENCH_SERVER_APP may point at another build's app.js (to compare a change before and after).
import { pathToFileURL } from 'node:url';

const app = process.env.BENCH_SERVER_APP ? pathToFileURL(process.env.BENCH_SERVER_APP).href : '../dist/server/app.js';
const { startServer } = await import(app);
const server = await startServer(JSON.parse(process.argv[2]));
process.send?.({ ready: true, url: server.url, pid: process.pid });
process.on('message', async (m) => {
  if (m?.memory) process.send?.({ memory: process.memoryUsage() });
  if (m?.stop) {
    await server.close().catch(() => {});
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
