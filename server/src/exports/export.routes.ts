/**
 * GET /exports/applications.xlsx|csv?filter=<ApplicationFilter JSON>[&ledger=<name>] and
 * GET /exports/tasks.xlsx|csv?filter=… and GET /exports/register-entries.xlsx|csv?filter=<RegisterEntryFilter
 * JSON> stream a list the user can see as a spreadsheet. Same
 * Bearer token as GraphQL; the rows are the list's rows (region and read scope in the SQL), so a
 * file never holds a case its reader could not open. At most EXPORT_CONCURRENCY exports run at
 * once per process (each holds a database connection between batches); more answer 429.
 */
import type { Express, Request, Response } from 'express';
import type { Services } from '../core/services.js';
import type { Context } from '../core/context.js';
import { DomainError } from '../core/errors.js';
import { createLoaders } from '../core/loaders.js';
import { loadActor } from '../users/user.service.js';
import { applicationSheets, parseFilter, type ExportList } from './application-export.js';
import { ledgerSheet } from './ledger-export.js';
import { entrySheets, parseEntryFilter } from './entry-export.js';
import { ExportAborted, writeCsv, writeXlsx, type Sheet } from './workbook.js';

export const EXPORT_CONCURRENCY = 2;

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400, RATE_LIMITED: 429 };

export function fail(res: Response, e: unknown, services: Services): void {
  if (res.headersSent) {
    // Mid-file: the only honest signal left is a broken download.
    if (!(e instanceof ExportAborted)) services.log.error({ err: e }, 'export failed while streaming');
    res.destroy();
    return;
  }
  if (e instanceof DomainError) {
    const messageZh = typeof e.details.messageZh === 'string' ? e.details.messageZh : undefined;
    res.status(STATUS[e.code] ?? 400).json({ errors: [{ message: e.message, extensions: { code: e.code, ...(messageZh ? { messageZh } : {}), ...(e.details.problems ? { problems: e.details.problems } : {}) } }] });
    return;
  }
  services.log.error({ err: e }, 'export failed');
  res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
}

export async function contextOf(req: Request, res: Response, services: Services): Promise<Context> {
  const header = req.headers.authorization;
  if (!header?.startsWith('Bearer ')) throw new DomainError('UNAUTHENTICATED', 'Sign in first', { messageZh: '请先登录' });
  const verified = await services.tokens.verify(header.slice(7).trim());
  const em = services.orm.em.fork();
  const actor = 'userId' in verified ? await loadActor(em, verified.userId) : undefined;
  if (!actor) throw new DomainError('UNAUTHENTICATED', 'The access token is not valid: sign in again', { messageZh: '登录已失效，请重新登录' });
  const requestId = String(res.locals.requestId ?? '');
  return { em, actor, requestId, clientIp: req.ip ?? 'unknown', log: services.log.child({ requestId }), services, loaders: createLoaders(em) };
}

/** `低保-申请-2026-12-02.xlsx`, safe for Windows file names. */
function fileName(base: string, ext: string, now: Date): string {
  const local = new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  return `${base.replace(/[\\/:*?"<>|\s]+/g, '-')}-${local}.${ext}`;
}

export function exportRoutes(app: Express, services: Services): void {
  let running = 0;
  app.get(/^\/exports\/(applications|tasks|register-entries)\.(xlsx|csv)$/, async (req, res) => {
    const [list, ext] = [req.params[0] as ExportList | 'register-entries', req.params[1] as 'xlsx' | 'csv'];
    let counted = false;
    try {
      const ctx = await contextOf(req, res, services);
      const entries = list === 'register-entries' ? parseEntryFilter(req.query.filter) : undefined;
      const filter = entries ? {} : parseFilter(req.query.filter);
      const ledger = typeof req.query.ledger === 'string' && req.query.ledger ? req.query.ledger : undefined;
      if (running >= EXPORT_CONCURRENCY) {
        throw new DomainError('RATE_LIMITED', `At most ${EXPORT_CONCURRENCY} exports run at once: try again in a minute`, { messageZh: `同时最多进行 ${EXPORT_CONCURRENCY} 个导出，请稍后再试` });
      }
      running++;
      counted = true;
      // Everything that can be refused is checked before the first byte: the ledger and the first sheet.
      const sheets: AsyncIterator<Sheet> = entries
        ? entrySheets(ctx, entries)[Symbol.asyncIterator]()
        : ledger
          ? (async function* () { yield await ledgerSheet(ctx, list as ExportList, filter, ledger); })()
          : applicationSheets(ctx, list as ExportList, filter)[Symbol.asyncIterator]();
      const first = await sheets.next();
      const firstSheet = first.value as Sheet;
      const base = ledger ?? (list === 'tasks' ? '待办' : firstSheet.name);
      res.setHeader('Content-Type', ext === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName(base, ext, services.clock()))}`);
      res.setHeader('Cache-Control', 'no-store');
      if (ext === 'csv') await writeCsv(res, firstSheet);
      else {
        await writeXlsx(res, (async function* () {
          yield firstSheet;
          for (let n = await sheets.next(); !n.done; n = await sheets.next()) yield n.value;
        })());
      }
    } catch (e) {
      fail(res, e, services);
    } finally {
      if (counted) running--;
    }
  });
}
