/**
 * Every setting the server reads from the environment, parsed once. The README's configuration
 * table lists the same names; keep them in step.
 */
import path from 'node:path';

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

function bool(name: string, fallback: boolean): boolean {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  return raw === '1' || raw.toLowerCase() === 'true';
}

export interface ImportLimits {
  /** Largest uploaded workbook or CSV (IMPORT_MAX_BYTES). */
  maxBytes: number;
  /** Most data lines in one file, all sheets together (IMPORT_MAX_ROWS). */
  maxRows: number;
  /** Largest uncompressed size of a workbook's parts together (IMPORT_MAX_UNZIPPED_BYTES). */
  maxUnzippedBytes: number;
  /** Largest uncompressed/compressed ratio of a workbook (zip-bomb guard, IMPORT_MAX_ZIP_RATIO). */
  maxZipRatio: number;
  /** Rows validated or written per batch (and per transaction) (IMPORT_BATCH_ROWS). */
  batchRows: number;
}

/** Outbound webhooks (docs/notifications.md#webhooks). */
export interface WebhookSettings {
  /** How often a worker looks for deliveries that are due (WEBHOOK_POLL_MS). */
  pollMs: number;
  /** Attempts before a delivery is given up and marked failed (WEBHOOK_MAX_ATTEMPTS). */
  maxAttempts: number;
  /** The first retry's delay; each further retry doubles it, up to an hour (WEBHOOK_BACKOFF_SECONDS). */
  backoffSeconds: number;
  /** How long one POST may take (WEBHOOK_TIMEOUT_MS). */
  timeoutMs: number;
}

export interface Config {
  env: string;
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  dbPoolSize: number;
  jwtSecret?: string;
  tokenTtlSeconds: number;
  seedDemo: boolean;
  introspection: boolean;
  maxBodyBytes: number;
  uploadDir: string;
  maxUploadBytes: number;
  /** Query cost limits (edge/query-cost.ts): signed-in and anonymous requests. */
  maxQueryCost: number;
  maxQueryCostAnonymous: number;
  /** Largest serialized GraphQL answer. */
  maxResponseBytes: number;
  /** Draft volume per user: open drafts, and the bytes of their form data together. */
  maxDraftsPerUser: number;
  maxDraftBytesPerUser: number;
  /** Express `trust proxy`: the proxies whose X-Forwarded-For is believed (loopback only by default). */
  trustProxy: string;
  logLevel: string;
  timers: boolean;
  /**
   * How long a fired timer job may stay "active" before pg-boss gives it to another worker: the
   * recovery time when the process that took it dies (kill -9, OOM, power cut).
   */
  timerExpireSeconds: number;
  /** How often a worker looks for such expired jobs (pg-boss maintenance interval). */
  timerMaintenanceSeconds: number;
  /** Spreadsheet imports (docs/import-export.md#limits). */
  imports: ImportLimits;
  webhooks: WebhookSettings;
  /** How long a village's public board is served from memory before it is read again (BOARD_CACHE_MS). */
  boardCacheMs: number;
  clientDir: string;
  /**
   * The public address of this installation (PUBLIC_URL, e.g. https://jiuzhu.shunping.gov.cn), without
   * a trailing slash: printed notices carry it as a QR code. Unset: the notices print no QR code.
   */
  publicUrl: string | null;
  /** Embedded database storage when DATABASE_URL is unset: DATA_DIR/pglite, or memory (tests). */
  embedded: 'disk' | 'memory';
  /** Tests only: count SQL statements in services.queryCount. */
  countQueries?: boolean;
}

export function loadConfig(overrides: Partial<Config> = {}): Config {
  const env = process.env.NODE_ENV ?? 'development';
  const dataDir = path.resolve(process.env.DATA_DIR ?? 'data');
  return {
    env,
    port: int('PORT', 4000),
    host: process.env.HOST ?? '0.0.0.0',
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir,
    dbPoolSize: int('DB_POOL_SIZE', 10),
    jwtSecret: process.env.JWT_SECRET || undefined,
    tokenTtlSeconds: int('TOKEN_TTL_SECONDS', 8 * 3600),
    seedDemo: bool('SEED_DEMO', true),
    introspection: bool('GRAPHQL_INTROSPECTION', env !== 'production'),
    maxBodyBytes: int('MAX_BODY_BYTES', 1024 * 1024),
    uploadDir: path.resolve(process.env.UPLOAD_DIR ?? path.join(dataDir, 'uploads')),
    maxUploadBytes: int('MAX_UPLOAD_BYTES', 10 * 1024 * 1024),
    maxQueryCost: int('MAX_QUERY_COST', 20_000),
    maxQueryCostAnonymous: int('MAX_QUERY_COST_ANONYMOUS', 5_000),
    maxResponseBytes: int('MAX_RESPONSE_BYTES', 4 * 1024 * 1024),
    maxDraftsPerUser: int('MAX_DRAFTS_PER_USER', 200),
    maxDraftBytesPerUser: int('MAX_DRAFT_BYTES_PER_USER', 8 * 1024 * 1024),
    trustProxy: process.env.TRUST_PROXY ?? 'loopback',
    logLevel: process.env.LOG_LEVEL ?? (env === 'test' ? 'warn' : 'info'),
    timers: bool('TIMERS', true),
    timerExpireSeconds: int('TIMER_EXPIRE_SECONDS', 30),
    timerMaintenanceSeconds: int('TIMER_MAINTENANCE_SECONDS', 10),
    imports: {
      maxBytes: int('IMPORT_MAX_BYTES', 20 * 1024 * 1024),
      maxRows: int('IMPORT_MAX_ROWS', 200_000),
      maxUnzippedBytes: int('IMPORT_MAX_UNZIPPED_BYTES', 400 * 1024 * 1024),
      maxZipRatio: int('IMPORT_MAX_ZIP_RATIO', 100),
      batchRows: Math.max(1, int('IMPORT_BATCH_ROWS', 500)),
    },
    webhooks: {
      pollMs: Math.max(100, int('WEBHOOK_POLL_MS', 1000)),
      maxAttempts: Math.max(1, int('WEBHOOK_MAX_ATTEMPTS', 10)),
      backoffSeconds: Math.max(1, int('WEBHOOK_BACKOFF_SECONDS', 10)),
      timeoutMs: Math.max(100, int('WEBHOOK_TIMEOUT_MS', 10_000)),
    },
    boardCacheMs: int('BOARD_CACHE_MS', 2000),
    clientDir: path.resolve(process.env.CLIENT_DIR ?? 'dist/client'),
    publicUrl: publicUrl(process.env.PUBLIC_URL),
    embedded: 'disk',
    ...overrides,
  };
}

/** An absolute http(s) address without the trailing slash, or null when unset or not an address. */
export function publicUrl(value: string | undefined): string | null {
  if (!value?.trim()) return null;
  try {
    const u = new URL(value.trim());
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.toString().replace(/\/+$/, '');
  } catch {
    return null;
  }
}
