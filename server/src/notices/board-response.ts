/**
 * The public board's finished answers, served without running GraphQL again.
 *
 * The board cache (board-cache.ts) saves the queries, but each anonymous read of a board still
 * paid for Apollo: parsing and validating the document, the armor and cost plugins, executing the
 * resolvers over the cached page and serialising the answer (several ms of CPU per request). This
 * handler sits in front of Apollo on /graphql. It recognises an anonymous request whose document is
 * a single query selecting only `publicNotices`, keyed by the document (whitespace collapsed unless
 * it holds a string literal), the operation name, the variables and the Accept header. The first such request falls
 * through to Apollo like any other (every limit, cost rule and validation applies to it); its
 * answer, when it is a 200 without errors, is kept byte for byte with the region path the resolver
 * reports. Later identical requests get those bytes, an ETag and a short `Cache-Control`, or 304
 * when they present the ETag. The bytes are dropped with the board pages: the same NOTIFY from the
 * same triggers (migration 020) and the same time to live. Anything else goes to Apollo untouched.
 *
 * Masking is not repeated here: the bytes are Apollo's own answer, which only `toPublicNotice`'s
 * output ever reaches.
 */
import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { Kind, parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { BoardCache } from './board-cache.js';

/** What the resolver reports back to this handler through the request's context. */
export interface BoardProbe {
  regionPath?: string;
}

interface Stored {
  regionPath: string;
  body: string;
  contentType: string;
  etag: string;
  expires: number;
}

/** Bounded like the board pages: keys include the client's variables (a cursor, any region code). */
const MAX_ENTRIES = 1000;
/**
 * And by size (string length; Chinese text takes two bytes a character in V8's strings, so about
 * 32 MB): a stranger asking for many pages of 100 must not grow the process without end.
 */
const MAX_CHARS = 16 * 1024 * 1024;
const MAX_DOCUMENTS = 200;
/** Larger bodies go to Apollo (which also parses them); the board documents are a few hundred bytes. */
const MAX_QUERY_CHARS = 4000;

/** Whether a document is one query selecting only publicNotices (whatever it selects below). */
function selectsOnlyTheBoard(doc: DocumentNode, operationName: unknown): boolean {
  const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (ops.length !== 1) return false;
  const op = ops[0]!;
  if (op.operation !== 'query') return false;
  if (operationName !== undefined && operationName !== null && operationName !== op.name?.value) return false;
  const top = op.selectionSet.selections;
  return top.length === 1 && top[0]!.kind === Kind.FIELD && top[0]!.name.value === 'publicNotices' && !top[0]!.directives?.length;
}

export class BoardResponses {
  private readonly entries = new Map<string, Stored>();
  /** normalised document → whether it is a board document (parsed once per distinct text). */
  private readonly documents = new Map<string, boolean>();
  /** Moves on every invalidation: an answer computed across one is not kept. */
  private epoch = 0;
  private chars = 0;
  hits = 0;
  stores = 0;

  constructor(private readonly cache: BoardCache, private readonly ttlMs: number) {
    cache.onInvalidate((changedPath) => this.invalidate(changedPath));
  }

  private isBoardDocument(query: string, operationName: unknown): boolean {
    const known = this.documents.get(query);
    if (known !== undefined) return known;
    let ok = false;
    try {
      // The same token bound as Apollo's parseOptions; a document Apollo would refuse is not ours.
      ok = selectsOnlyTheBoard(parse(query, { maxTokens: 2000, noLocation: true }), operationName);
    } catch {
      ok = false;
    }
    if (this.documents.size >= MAX_DOCUMENTS) this.documents.delete(this.documents.keys().next().value!);
    this.documents.set(query, ok);
    return ok;
  }

  private drop(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.chars -= e.body.length;
    this.entries.delete(key);
  }

  private invalidate(changedPath: string | null): void {
    this.epoch++;
    if (changedPath === null) {
      this.entries.clear();
      this.chars = 0;
      return;
    }
    for (const [key, e] of this.entries) if (changedPath.startsWith(e.regionPath)) this.drop(key);
  }

  /** The express handler; `probe` is put where the GraphQL context can find it (res.locals.board). */
  handler() {
    const maxAge = Math.max(0, Math.floor(this.ttlMs / 1000));
    const cacheControl = `public, max-age=${maxAge}`;
    return (req: Request, res: Response, next: NextFunction) => {
      if (this.ttlMs <= 0 || req.headers.authorization !== undefined) return next();
      const params = req.method === 'POST' ? req.body : req.method === 'GET' ? req.query : undefined;
      if (!params || typeof params !== 'object') return next();
      // Apollo refuses a GET without a preflight header (CSRF prevention); so does this handler.
      if (req.method === 'GET' && !req.headers['apollo-require-preflight'] && !req.headers['x-apollo-operation-name']) return next();
      const { query, operationName } = params as { query?: unknown; operationName?: unknown };
      let variables = (params as { variables?: unknown }).variables;
      if (typeof query !== 'string' || query.length > MAX_QUERY_CHARS) return next();
      if (req.method === 'GET' && typeof variables === 'string') {
        try {
          variables = JSON.parse(variables);
        } catch {
          return next();
        }
      }
      // Whitespace and commas are insignificant outside string literals; with a literal the text stays as sent.
      const text = query.includes('"') ? query : query.replace(/[\s,]+/g, ' ').trim();
      if (!this.isBoardDocument(text, operationName)) return next();
      const key = `${text}\u0000${String(operationName ?? '')}\u0000${JSON.stringify(variables ?? null)}\u0000${req.headers.accept ?? ''}`;

      const hit = this.entries.get(key);
      if (hit && hit.expires > Date.now()) {
        this.hits++;
        res.setHeader('etag', hit.etag);
        res.setHeader('cache-control', cacheControl);
        if (req.headers['if-none-match'] === hit.etag) return void res.status(304).end();
        res.status(200).setHeader('content-type', hit.contentType);
        return void res.end(hit.body);
      }

      // A miss: Apollo answers; its answer is kept when it is a clean 200 and no board changed meanwhile.
      const epoch = this.epoch;
      const probe: BoardProbe = {};
      res.locals.board = probe;
      const send = res.send.bind(res);
      res.send = (body?: unknown) => {
        if (typeof body === 'string' && res.statusCode === 200 && probe.regionPath !== undefined && epoch === this.epoch && cleanAnswer(body)) {
          const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
          this.drop(key);
          while (this.entries.size > 0 && (this.entries.size >= MAX_ENTRIES || this.chars + body.length > MAX_CHARS)) this.drop(this.entries.keys().next().value!);
          this.chars += body.length;
          this.entries.set(key, {
            regionPath: probe.regionPath, body, etag, expires: Date.now() + this.ttlMs,
            contentType: String(res.getHeader('content-type') ?? 'application/json; charset=utf-8'),
          });
          this.stores++;
          res.setHeader('etag', etag);
          res.setHeader('cache-control', cacheControl);
        }
        return send(body as never);
      };
      next();
    };
  }
}

function cleanAnswer(body: string): boolean {
  try {
    const json = JSON.parse(body) as { data?: unknown; errors?: unknown };
    return json.errors === undefined && !!json.data;
  } catch {
    return false;
  }
}
