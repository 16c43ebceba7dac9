import { startServer } from './app.js';

const server = await startServer();
server.services.log.info(`Ready: ${server.url} (GraphQL at ${server.url}/graphql, explorer at ${server.url}/graphiql)`);
console.log(`\n  县域帮扶项目平台 / County aid platform\n  → ${server.url}\n`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    server.services.log.info({ signal }, 'shutting down');
    await server.close();
    process.exit(0);
  });
}
