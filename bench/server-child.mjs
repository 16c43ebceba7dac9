// Runs the real compiled server in its own process, so the bench reads its RSS from /proc and the
// load generator does not share its event loop. Options arrive as JSON in argv[2].
// BENCH_SERVER_APP may point at another build's app.js (to compare a change before and after).
// BENCH_ALLOC_PROFILE=<file> writes a sampling profile of every allocation (collected or not) made
// from start to stop: open it in Chrome DevTools (Memory) to see what a request allocates.
import fs from 'node:fs';
import inspector from 'node:inspector/promises';
import { pathToFileURL } from 'node:url';

const app = process.env.BENCH_SERVER_APP ? pathToFileURL(process.env.BENCH_SERVER_APP).href : '../dist/server/app.js';
const { startServer } = await import(app);
const server = await startServer(JSON.parse(process.argv[2]));
const profileFile = process.env.BENCH_ALLOC_PROFILE;
let session;
if (profileFile) {
  session = new inspector.Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
}
process.send?.({ ready: true, url: server.url, pid: process.pid });
process.on('message', async (m) => {
  if (m?.memory) process.send?.({ memory: process.memoryUsage() });
  if (m?.stop) {
    if (session) fs.writeFileSync(profileFile, JSON.stringify((await session.post('HeapProfiler.stopSampling')).profile));
    await server.close().catch(() => {});
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
