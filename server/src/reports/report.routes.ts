/**
 * GET /exports/report.xlsx?id=<saved report>|definition=<JSON>[&region=<code>] — a report's table as
 * a workbook: a title row block (report, scope, period), the header, the rows and the total. The
 * figures are runReport's, so the file says exactly what the page shows, within the reader's regions.
 */
import type { Express } from 'express';
import type { Services } from '../core/services.js';
import { badInput } from '../core/errors.js';
import { contextOf, fail } from '../exports/export.routes.js';
import { writeXlsx, type Sheet } from '../exports/workbook.js';
import { getReport, runReport } from './report.service.js';

export function reportRoutes(app: Express, services: Services): void {
  app.get('/exports/report.xlsx', async (req, res) => {
    try {
      const ctx = await contextOf(req, res, services);
      const id = typeof req.query.id === 'string' && req.query.id ? req.query.id : undefined;
      let definition: unknown;
      if (typeof req.query.definition === 'string') {
        try { definition = JSON.parse(req.query.definition); } catch {
          throw badInput({ en: 'definition is not valid JSON', zh: '报表定义不是有效的 JSON' }, [{ path: '/definition', message: '不是有效的 JSON', messageEn: 'not valid JSON' }]);
        }
      }
      const region = typeof req.query.region === 'string' && req.query.region ? req.query.region : undefined;
      const name = id ? (await getReport(ctx, id)).name : typeof req.query.name === 'string' && req.query.name.trim() ? req.query.name.trim().slice(0, 60) : '报表';
      const result = await runReport(ctx, { id, definition, regionCode: region });
      const measures = result.columns.filter((c) => c.kind === 'measure').length;
      const dims = result.columns.length - measures;
      const sheet: Sheet = {
        name,
        columns: result.columns.map((c) => ({ header: c.title.zh, width: c.kind === 'dimension' ? 18 : 14, ...(c.kind === 'measure' ? { numFmt: '#,##0.####' } : {}) })),
        async *rows() {
          yield [
            ...result.rows.map((r) => [...r.labels, ...r.values]),
            [...(dims ? ['合计', ...Array(dims - 1).fill('')] : []), ...result.total],
            [],
            [result.scopeLabel.zh],
            ...(result.periodLabel ? [[result.periodLabel.zh]] : []),
          ];
        },
      };
      res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const local = new Date(services.clock().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
      res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${name.replace(/[\\/:*?"<>|\s]+/g, '-')}-${local}.xlsx`)}`);
      res.setHeader('Cache-Control', 'no-store');
      await writeXlsx(res, [sheet]);
    } catch (e) {
      fail(res, e, services);
    }
  });
}
