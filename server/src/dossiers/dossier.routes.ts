/**
 * GET /dossiers/<entryId>.html — a household's file (一户一档) as a printable A4 page;
 * GET /dossiers/<entryId>.zip  — the same page plus every attachment of the household's cases,
 * streamed (archiver), files read one after another from the store.
 * Same Bearer token as GraphQL and /exports. An entry outside the reader's regions answers 404
 * (as `registerEntry` does); everything that can be refused is checked before the first byte. At
 * most DOSSIER_CONCURRENCY ZIPs are written at once per process (each streams many files); more
 * answer 429.
 */
import type { Express, Response } from 'express';
import { Readable } from 'node:stream';
import archiver from 'archiver';
import type { Services } from '../core/services.js';
import { DomainError } from '../core/errors.js';
import { DiskFileStore, type FileStore } from '../files/file-store.js';
import { contextOf, fail } from '../exports/export.routes.js';
import { loadDossier, type Dossier } from './dossier.data.js';
import { localTime, renderDossier } from './dossier.html.js';

export const DOSSIER_CONCURRENCY = 2;

/** `郭德明-一户一档-2026-12-02`, safe for Windows file names. */
export function dossierBaseName(d: Dossier): string {
  return `${d.entry.name}-一户一档-${localTime(d.printedAt).slice(0, 10)}`.replace(/[\\/:*?"<>|\s]+/g, '-');
}

/** A name inside the ZIP: no directories of its own, no control characters, no clashes. */
function safeName(name: string): string {
  return name.replace(/[\u0000-\u001f\\/:*?"<>|]+/g, '_').replace(/^\.+/, '_').slice(0, 120) || 'file';
}

function disposition(res: Response, name: string, inline: boolean): void {
  res.setHeader('Content-Disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(name)}`);
}

export function dossierRoutes(app: Express, services: Services, store: FileStore = new DiskFileStore(services.config.uploadDir)): void {
  let running = 0;
  app.get(/^\/dossiers\/([^/]{1,64})\.(html|zip)$/, async (req, res) => {
    const [id, ext] = [String(req.params[0]), req.params[1] as 'html' | 'zip'];
    let counted = false;
    try {
      const ctx = await contextOf(req, res, services);
      if (ext === 'zip') {
        if (running >= DOSSIER_CONCURRENCY) {
          throw new DomainError('RATE_LIMITED', { en: `At most ${DOSSIER_CONCURRENCY} dossier downloads run at once: try again in a minute`, zh: `同时最多下载 ${DOSSIER_CONCURRENCY} 份档案，请稍后再试` });
        }
        running++;
        counted = true;
      }
      const dossier = await loadDossier(ctx, id);
      const html = renderDossier(dossier);
      const base = dossierBaseName(dossier);
      res.setHeader('Cache-Control', 'no-store');
      if (ext === 'html') {
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        // The page is data, not an app: nothing in it may run or load from elsewhere.
        res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
        disposition(res, `${base}.html`, true);
        res.send(html);
        return;
      }
      res.setHeader('Content-Type', 'application/zip');
      disposition(res, `${base}.zip`, false);
      const zip = archiver('zip', { zlib: { level: 6 } });
      const done = new Promise<void>((resolve, reject) => {
        res.on('close', resolve);
        zip.on('error', reject);
      });
      zip.pipe(res);
      zip.append(html, { name: `${base}.html` });
      const used = new Set<string>();
      for (const a of dossier.applications) {
        for (const f of a.attachments) {
          let name = `附件/${safeName(a.app.reference)}/${safeName(f.name)}`;
          for (let n = 2; used.has(name); n++) name = `附件/${safeName(a.app.reference)}/${n}-${safeName(f.name)}`;
          used.add(name);
          // archiver reads queued entries one at a time; the file is opened only when its turn comes.
          const lazy = Readable.from((async function* () { yield* store.open(f.sha256); })());
          zip.append(lazy, { name, date: dossier.printedAt });
        }
      }
      await zip.finalize();
      await done;
    } catch (e) {
      fail(res, e, services);
    } finally {
      if (counted) running--;
    }
  });
}
