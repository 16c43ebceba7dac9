/**
 * Composition root: database (embedded or DATABASE_URL), ORM + migrations, seeds, GraphQL and the
 * HTTP routes, all on one port. `startServer` is used by main.ts and by the integration tests.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import compression from 'compression';
import expressStaticGzip from 'express-static-gzip';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig, type Config } from './core/config.js';
import { createLogger } from './core/logger.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './core/embedded-db.js';
import { doNotPrepareOn } from './core/pg-direct.js';
import { initOrm, migrate, pendingMigrations } from './core/orm.js';
import { createFormatError } from './core/format-error.js';
import type { Context } from './core/context.js';
import type { Services } from './core/services.js';
import { Setting } from './core/setting.entity.js';
import { TokenService } from './users/token.js';
import { prepareLogin } from './users/user.service.js';
import { ActorCache } from './users/actor-cache.js';
import { createSchema } from './schema.js';
import { createLoaders } from './core/loaders.js';
import { seedIfEmpty } from './seed/seed.js';
import { startDomain, type DomainRuntime } from './runtime.js';
import { costLimitPlugin } from './edge/query-cost.js';
import { inputGuardPlugin, responseSizeLimit } from './edge/edge-plugin.js';
import { introspectionDepthRule } from './edge/introspection-depth.js';
import { securityHeaders } from './edge/security-headers.js';
import { trustProxySetting } from './edge/trust-proxy.js';
import { boardResponsesOf } from './notices/board-cache.js';

export interface RunningServer {
  url: string;
  /** The PostgreSQL URL in use (the embedded one when DATABASE_URL is unset). */
  databaseUrl: string;
  port: number;
  orm: MikroORM;
  services: Services;
  close(): Promise<void>;
}

/** Reads the token key from the environment, or creates one shared by all processes in the database. */
async function tokenSecret(orm: MikroORM, config: Config): Promise<string> {
  if (config.jwtSecret) return config.jwtSecret;
  const em = orm.em.fork();
  await em.getConnection().execute(
    `insert into app_setting (key, value) values ('token_secret', ?) on conflict (key) do nothing`,
    [randomBytes(32).toString('base64url')],
  );
  return (await em.findOneOrFail(Setting, { key: 'token_secret' })).value;
}

export async function startServer(overrides: Partial<Config> = {}): Promise<RunningServer> {
  const config = loadConfig(overrides);
  const log = createLogger(config.logLevel);
  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  if (!url) {
    const dir = config.embedded === 'memory' ? undefined : path.join(config.dataDir, 'pglite');
    // Room for the ORM pool, pg-boss's pool and a few spare sessions (advisory lock, readiness).
    embedded = await startEmbeddedDatabase(dir, config.dbPoolSize + 8);
    url = embedded.url;
    log.info({ dir: dir ?? 'memory' }, 'using embedded PostgreSQL (PGlite)');
  }
  const queryCount = config.countQueries ? { n: 0 } : undefined;
  const orm = await initOrm(url, config.dbPoolSize, queryCount);
  if (embedded) doNotPrepareOn(orm);
  const tokens = new TokenService('pending', config.tokenTtlSeconds);
  const services: Services = { config, orm, log, tokens, queryCount, clock: () => new Date() };
  await migrate(orm);
  await prepareLogin();
  // After the migrations: the notifications it listens for come from migration 021's triggers
  // (on embedded PGlite too: its socket server passes them on, core/embedded-socket.ts).
  services.actors = new ActorCache(log);
  await services.actors.listen(url);
  services.tokens = new TokenService(await tokenSecret(orm, config), config.tokenTtlSeconds);
  const domain: DomainRuntime = await startDomain(services, url);
  if (config.seedDemo) await migrate(orm, () => seedIfEmpty(services).then(() => undefined));

  const demoUsers = await orm.em.fork().getConnection().execute<{ n: string }[]>(`select count(*) as n from app_user where demo`);
  if (config.env !== 'development' && config.env !== 'test' && Number(demoUsers[0].n) > 0) {
    log.warn('Demo accounts with a published password exist outside development: disable or delete them');
  }

  // graphql-armor bounds the document (depth, aliases, directives, tokens); the cost limit is our
  // own, because armor's cannot see variables (edge/query-cost.ts).
  const armor = new ApolloArmor({
    maxDepth: { n: 10 },
    costLimit: { enabled: false },
    maxAliases: { n: 15 },
    maxDirectives: { n: 20 },
    // graphql-js counts tokens itself (parseOptions below): armor's token parser runs in a plugin
    // hook, where any syntax error became a 500.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: !config.introspection },
  });
  const protection = armor.protect();
  const schema = await createSchema();
  const apollo = new ApolloServer<Context>({
    schema,
    parseOptions: { maxTokens: 2000 },
    validationRules: [...protection.validationRules, introspectionDepthRule],
    allowBatchedHttpRequests: false,
    plugins: [
      // graphql-armor ships CommonJS typings of Apollo's plugin type; the runtime shape is the same.
      ...(protection.plugins as unknown as ApolloServerPlugin<Context>[]),
      // Both run in didResolveOperation, before execution; the input guard's refusal is reported first.
      inputGuardPlugin<Context>(),
      costLimitPlugin<Context>({ maxCost: config.maxQueryCost, maxCostAnonymous: config.maxQueryCostAnonymous }),
    ],
    introspection: config.introspection,
    csrfPrevention: true,
    formatError: createFormatError(log),
    includeStacktraceInErrorResponses: false,
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-For is believed only from the proxies named in TRUST_PROXY (login limits and
  // objection counts key on the client address; a forged header must not change it).
  app.set('trust proxy', trustProxySetting(config.trustProxy));
  app.use(securityHeaders());
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    // A proxy's id is kept when it looks like one (it goes into every log line of the request).
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log.debug({ requestId, method: req.method, url: req.originalUrl, status: res.statusCode, ms }, 'request');
    });
    next();
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await orm.em.fork().getConnection().execute('select 1');
      const pending = await pendingMigrations(orm);
      if (pending > 0) return void res.status(503).json({ status: 'migrating', pending });
      res.json({ status: 'ready' });
    } catch (e) {
      res.status(503).json({ status: 'database unreachable' });
    }
  });
  // Answers of 1 kB and more compressed for the browser (Brotli at quality 4, or gzip): a list's
  // JSON shrinks five- to tenfold on a phone's weak signal, a CSV export or a household's printed
  // file about as much; the small answers of mutations stay as they are, and workbooks and ZIPs
  // (compressed already: their types are not compressible) too. No secret shares an answer with
  // text another site can choose (the token travels in a header, never a cookie), so compressing
  // does not open the BREACH attack.
  app.use(['/graphql', '/exports', '/dossiers'], compression({ threshold: 1024 }));
  // The public board's finished answers first (notices/board-response.ts): a hit is answered
  // before the other routes are matched. The body parsed here is not parsed again below.
  // Before the size limit: that wraps res.send after this, so what is kept is what was sent.
  app.use('/graphql', express.json({ limit: config.maxBodyBytes }), boardResponsesOf(services).handler());
  domain.routes(app);
  app.use(
    '/graphql',
    express.json({ limit: config.maxBodyBytes }),
    responseSizeLimit(config.maxResponseBytes, log),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestId = res.locals.requestId as string;
        const ctx: Context = {
          em: orm.em.fork(),
          requestId,
          clientIp: req.ip ?? 'unknown',
          log: log.child({ requestId }),
          services,
          loaders: undefined as never,
          board: res.locals.board as Context['board'],
        };
        ctx.loaders = createLoaders(ctx.em);
        const header = req.headers.authorization;
        if (header?.startsWith('Bearer ')) {
          const verified = await services.tokens.verify(header.slice(7).trim());
          if ('error' in verified) ctx.authError = verified.error;
          else {
            ctx.actor = await services.actors!.get(ctx.em, verified.userId, verified.generation);
            if (!ctx.actor) ctx.authError = 'invalid';
          }
        }
        return ctx;
      },
    }),
  );
  // Body-parser failures (malformed JSON, oversized body) answered in GraphQL's error shape.
  app.use((err: { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) => {
    if (err?.type === 'entity.too.large') {
      return void res.status(413).json({ errors: [{ message: `Request body exceeds ${config.maxBodyBytes} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    }
    if (err?.type === 'entity.parse.failed') {
      return void res.status(400).json({ errors: [{ message: 'Malformed JSON in request body', extensions: { code: 'BAD_REQUEST' } }] });
    }
    next(err);
  });
  serveClient(app, config);
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    log.error({ err }, 'unhandled HTTP error');
    res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  });

  const httpServer = http.createServer(app);
  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const port = (httpServer.address() as AddressInfo).port;
  const shownHost = config.host === '0.0.0.0' ? 'localhost' : config.host;
  return {
    url: `http://${shownHost}:${port}`,
    databaseUrl: url,
    port,
    orm,
    services,
    async close() {
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeAllConnections?.();
      await domain.stop();
      await services.actors?.stop();
      await apollo.stop();
      await orm.close(true);
      await embedded?.stop();
    },
  };
}

/** The built React client (dist/client) with SPA fallback; GraphiQL lives at /graphiql. */
function serveClient(app: express.Express, config: Config): void {
  const index = path.join(config.clientDir, 'index.html');
  const assets = path.join(config.clientDir, 'assets') + path.sep;
  // The build's Brotli or gzip copy when the browser accepts one (client/vite-precompress.ts):
  // a phone's first visit downloads about a quarter of the bytes.
  app.use(expressStaticGzip(config.clientDir, {
    enableBrotli: true,
    orderPreference: ['br', 'gz'],
    serveStatic: { index: false, maxAge: '1h', setHeaders: (res, file) => clientCacheHeaders(res, file, assets) },
  }));
  app.get('/graphiql', (_req, res) => sendFileOr(res, path.join(config.clientDir, 'graphiql.html')));
  // Every app path gets the page; a missing bundle (a page of an older build asking for a chunk
  // the new one dropped) gets 404, not the page as JavaScript.
  app.get(/^\/(?!graphql|healthz|readyz|files|assets\/).*/, (_req, res) => sendFileOr(res, index));
}

/**
 * Hashed bundles (assets/) never change under their name: cached for a year, immutable. The pages,
 * the service worker and the manifest are revalidated on every load, so a new build reaches
 * phones at once (a worker cached for an hour would keep serving the old shell). Icons: 1 h.
 */
function clientCacheHeaders(res: http.ServerResponse, file: string, assets: string): void {
  if (file.startsWith(assets)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  else if (/(\.(html|webmanifest)|[\\/]sw\.js)(\.br|\.gz)?$/.test(file)) res.setHeader('Cache-Control', 'no-cache');
}

function sendFileOr(res: Response, file: string): void {
  if (fs.existsSync(file)) {
    res.setHeader('Cache-Control', 'no-cache');
    return void res.sendFile(file);
  }
  res.status(404).type('text/plain').send('The web client is not built: run `npm run build:client`.');
}
