/**
 * HTTP side of imports (Bearer token, like /files):
 * - GET  /imports/template?programme=<key> | ?register=<key>   the version's .xlsx template
 * - POST /imports?programme=<key>|register=<key>&regionCode=<code>[&clientImportId=<id>]
 *        multipart field `file` (.xlsx, or CSV in UTF-8): 201 { id, status } and a background
 *        validation; the same clientImportId again answers 200 with the first import
 * - GET  /imports/:id/marked   the uploaded file with bad cells marked red, with comments
 */
import type { Express, Request, Response } from 'express';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import type { Services } from '../core/services.js';
import { DomainError } from '../core/errors.js';
import type { Actor } from '../core/actor.js';
import { loadActor } from '../users/user.service.js';
import { execOf } from '../registers/sql.js';
import { TooLarge } from '../files/file-store.js';
import { createImport, loadImport, prepareImport } from './import.service.js';
import { loadTarget, type TargetKind } from './import-target.js';
import { buildTemplate } from './template.js';
import { linkColumnNotes } from './entry-match.js';
import { inspectFile, refuse, type FileType } from './read-file.js';
import { writeMarked } from './marked.js';
import type { ImportRunner } from './import-runner.js';
import type { RowProblem } from './import-job.js';

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400 };

function fail(res: Response, e: unknown, services: Services): void {
  if (res.headersSent) {
    services.log.error({ err: e }, 'import route failed while streaming');
    res.destroy();
    return;
  }
  if (e instanceof DomainError) {
    const extensions = { code: e.code, ...(e.details.subCode ? { subCode: e.details.subCode } : {}), ...(e.details.messageZh ? { messageZh: e.details.messageZh } : {}) };
    res.status(STATUS[e.code] ?? 400).json({ errors: [{ message: e.message, extensions }] });
    return;
  }
  services.log.error({ err: e }, 'import route failed');
  res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
}

async function actorOf(req: Request, services: Services): Promise<Actor> {
  const header = req.headers.authorization;
  if (!header?.startsWith('Bearer ')) throw new DomainError('UNAUTHENTICATED', 'Sign in first', { messageZh: '请先登录' });
  const verified = await services.tokens.verify(header.slice(7).trim());
  const actor = 'userId' in verified ? await loadActor(services.orm.em.fork(), verified.userId) : undefined;
  if (!actor) throw new DomainError('UNAUTHENTICATED', 'The access token is not valid: sign in again', { messageZh: '登录已失效，请重新登录' });
  return actor;
}

function targetOf(req: Request): { kind: TargetKind; key: string } {
  if (typeof req.query.programme === 'string' && req.query.programme) return { kind: 'programme', key: req.query.programme };
  if (typeof req.query.register === 'string' && req.query.register) return { kind: 'register', key: req.query.register };
  throw new DomainError('BAD_USER_INPUT', 'Name the target: ?programme=<key> or ?register=<key>', { messageZh: '请指定项目或登记簿' });
}

const attachmentName = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

export function importRoutes(app: Express, services: Services, runner: ImportRunner): void {
  const limits = services.config.imports;

  app.get('/imports/template', async (req, res) => {
    try {
      const actor = await actorOf(req, services);
      if (!actor.grants.length) throw new DomainError('FORBIDDEN', 'Only staff may download import templates', { messageZh: '只有工作人员可以下载导入模板' });
      const { kind, key } = targetOf(req);
      const em = services.orm.em.fork();
      const target = await loadTarget(em, kind, key);
      const notes = await linkColumnNotes(execOf(em), target);
      const bytes = await buildTemplate(`${target.name}（第 ${target.versionNumber} 版）导入模板`, target.layout, limits, notes);
      res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.setHeader('Content-Disposition', attachmentName(`${target.name}-v${target.versionNumber}-导入模板.xlsx`));
      res.setHeader('Cache-Control', 'private, max-age=60');
      res.end(bytes);
    } catch (e) {
      fail(res, e, services);
    }
  });

  app.post('/imports', async (req, res) => {
    try {
      const actor = await actorOf(req, services);
      const { kind, key } = targetOf(req);
      const regionCode = String(req.query.regionCode ?? '');
      const em = services.orm.em.fork();
      // Refused before the body is read: an unknown target, a region the user may not import into.
      await prepareImport(em, actor, kind, key, regionCode);
      if (!String(req.headers['content-type'] ?? '').startsWith('multipart/form-data')) throw refuse('Send the file as multipart/form-data in the field "file"', '请以 multipart/form-data 的 file 字段上传文件', 'NOT_MULTIPART');
      const tooLarge = () => refuse(`Import files are limited to ${Math.round(limits.maxBytes / 1048576)} MB`, `导入文件不能超过 ${Math.round(limits.maxBytes / 1048576)} MB`, 'FILE_TOO_LARGE');
      if (Number(req.headers['content-length'] ?? 0) > limits.maxBytes + 64 * 1024) throw tooLarge();
      // Into a temporary file first: a refused file (a macro workbook, a zip bomb) never reaches the store.
      const tmp = path.join(os.tmpdir(), `upload-${randomUUID()}`);
      let stored: { name: string; file: Awaited<ReturnType<typeof runner.files.store.put>> };
      let type: FileType;
      try {
        const upload = await new Promise<{ name: string; size: number }>((resolve, reject) => {
          const bb = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { files: 1, fileSize: limits.maxBytes + 1, fields: 5 } });
          let got = false;
          bb.on('file', (field, stream, info) => {
            if (field !== 'file' || got) return void stream.resume();
            got = true;
            let size = 0;
            const meter = new Transform({
              transform(chunk: Buffer, _enc, done) {
                size += chunk.length;
                done(size > limits.maxBytes ? tooLarge() : null, chunk);
              },
            });
            pipeline(stream, meter, fs.createWriteStream(tmp)).then(() => resolve({ name: info.filename ?? 'import', size }), reject);
          });
          bb.on('error', reject);
          bb.on('close', () => { if (!got) reject(refuse('No file in the field "file"', '没有收到文件（字段 file）', 'NO_FILE')); });
          req.pipe(bb);
        });
        type = inspectFile(tmp, limits);
        stored = { name: upload.name, file: await runner.files.store.put(fs.createReadStream(tmp), limits.maxBytes) };
      } catch (e) {
        if (e instanceof TooLarge) throw tooLarge();
        throw e;
      } finally {
        fs.rmSync(tmp, { force: true });
      }
      const name = String(stored.name || 'import').replace(/[\u0000-\u001f/\\]/g, '_').slice(0, 200);
      const clientImportId = typeof req.query.clientImportId === 'string' ? req.query.clientImportId : null;
      const { job, created } = await createImport(em, actor, { kind, key, regionCode, fileName: name, sha256: stored.file.sha256, size: stored.file.size, type, clientImportId }, runner);
      res.status(created ? 201 : 200).json({ id: job.id, status: job.status.toUpperCase() });
    } catch (e) {
      req.resume();
      fail(res, e, services);
    }
  });

  app.get('/imports/:id/marked', async (req, res) => {
    try {
      const actor = await actorOf(req, services);
      const exec = execOf(services.orm.em.fork());
      const job = await loadImport(exec, actor, String(req.params.id));
      if (job.status === 'queued' || job.status === 'validating') throw new DomainError('BAD_USER_INPUT', 'The file is still being checked', { subCode: 'NOT_VALIDATED', messageZh: '文件尚在校验中，请稍候' });
      const target = await loadTarget(services.orm.em.fork(), job.targetKind, job.targetKey, job.versionId);
      const { rows } = await exec('select problems from import_row where job_id = $1 and problems is not null', [job.id]);
      const problems = new Map<string, RowProblem[]>();
      for (const r of rows) for (const p of r.problems as RowProblem[]) {
        const k = `${p.sheet}\n${p.line}`;
        problems.set(k, [...(problems.get(k) ?? []), p]);
      }
      const local = await runner.files.localPath(job.fileSha256);
      try {
        res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        res.setHeader('Content-Disposition', attachmentName(`${job.fileName.replace(/\.(xlsx|csv)$/i, '')}-错误标注.xlsx`));
        await writeMarked(local.path, job.fileType, target.layout.main.name, problems, res);
        res.end();
      } finally {
        local.release();
      }
    } catch (e) {
      fail(res, e, services);
    }
  });
}
