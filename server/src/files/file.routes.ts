/**
 * POST /files (multipart field `file`, Bearer token, `?regionCode=` of the application it belongs
 * to and `&programmeKey=` of its programme) stores a PDF, JPEG or PNG up to MAX_UPLOAD_BYTES and
 * answers { id, name, size, mime, sha256 }; GET /files/:id streams it back to the uploader or to
 * staff who may read that programme's cases in its region (a role limited to its programmes does
 * not read another programme's files, nor files uploaded without a programme).
 * The type is checked from the file's own first bytes, not from what the browser claims.
 */
import type { Express, Request, Response } from 'express';
import busboy from 'busboy';
import type { Services } from '../core/services.js';
import { DomainError } from '../core/errors.js';
import type { Actor } from '../core/actor.js';
import { grantsCovering, grantsReading, isAdmin } from '../core/actor.js';
import { loadActor } from '../users/user.service.js';
import { getRegion } from '../regions/region.service.js';
import { getProgramme } from '../programmes/programme.service.js';
import { Attachment } from './attachment.entity.js';
import { DiskFileStore, NotAccepted, TooLarge, type FileStore } from './file-store.js';

const SIGNATURES: Array<[string, number[]]> = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46]],
  ['image/png', [0x89, 0x50, 0x4e, 0x47]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
];

export function sniffMime(head: Buffer): string | undefined {
  return SIGNATURES.find(([, sig]) => sig.every((b, i) => head[i] === b))?.[0];
}

const tooLarge = (max: number) =>
  new DomainError('BAD_USER_INPUT', { en: `Files are limited to ${Math.round(max / 1048576)} MB`, zh: `文件不能超过 ${Math.round(max / 1048576)} MB` });

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400 };

function fail(res: Response, e: unknown, services: Services): void {
  if (e instanceof DomainError) {
    res.status(STATUS[e.code] ?? 400).json({ errors: [{ message: e.message, extensions: { code: e.code, messageZh: e.details.messageZh } }] });
    return;
  }
  services.log.error({ err: e }, 'file route failed');
  res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
}

async function actorOf(req: Request, services: Services): Promise<Actor> {
  const header = req.headers.authorization;
  if (!header?.startsWith('Bearer ')) throw new DomainError('UNAUTHENTICATED', { en: 'Sign in first', zh: '请先登录' });
  const verified = await services.tokens.verify(header.slice(7).trim());
  const actor = 'userId' in verified ? await loadActor(services.orm.em.fork(), verified.userId, verified.generation) : undefined;
  if (!actor) throw new DomainError('UNAUTHENTICATED', { en: 'The access token is not valid: sign in again', zh: '登录凭据无效，请重新登录' });
  return actor;
}

export function fileRoutes(app: Express, services: Services, store: FileStore = new DiskFileStore(services.config.uploadDir)): void {
  const max = services.config.maxUploadBytes;

  app.post('/files', async (req, res) => {
    try {
      const actor = await actorOf(req, services);
      const em = services.orm.em.fork();
      const region = await getRegion(em, String(req.query.regionCode ?? ''));
      const programmeKey = req.query.programmeKey ? String(req.query.programmeKey) : undefined;
      const programme = programmeKey ? await getProgramme(em, programmeKey) : undefined;
      const grants = programme ? grantsReading(actor, region.path, programme.key) : grantsCovering(actor, region.path);
      if (!isAdmin(actor) && grants.length === 0) throw new DomainError('FORBIDDEN', { en: `You may not upload files for ${region.name}`, zh: `您无权为${region.name}上传文件` });
      if (!String(req.headers['content-type'] ?? '').startsWith('multipart/form-data')) throw new DomainError('BAD_USER_INPUT', { en: 'Send the file as multipart/form-data in the field "file"', zh: '请以 multipart/form-data 方式在字段 file 中上传文件' });
      if (Number(req.headers['content-length'] ?? 0) > max + 64 * 1024) throw tooLarge(max);

      const stored = await new Promise<{ name: string; file: Awaited<ReturnType<FileStore['put']>> }>((resolve, reject) => {
        const bb = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { files: 1, fileSize: max + 1, fields: 5 } });
        let got = false;
        bb.on('file', (field, stream, info) => {
          if (field !== 'file' || got) return void stream.resume();
          got = true;
          store.put(stream, max, (head) => !!sniffMime(head)).then((file) => resolve({ name: info.filename ?? 'file', file }), reject);
        });
        bb.on('error', reject);
        bb.on('close', () => { if (!got) reject(new DomainError('BAD_USER_INPUT', { en: 'No file in the field "file"', zh: '字段 file 中没有文件' })); });
        req.pipe(bb);
      }).catch((e) => {
        if (e instanceof TooLarge) throw tooLarge(max);
        if (e instanceof NotAccepted) throw new DomainError('BAD_USER_INPUT', { en: 'Only PDF, JPEG and PNG files are accepted', zh: '只接受 PDF、JPEG 和 PNG 文件' });
        throw e;
      });

      const mime = sniffMime(stored.file.head)!;
      const name = String(stored.name || 'file').replace(/[\u0000-\u001f/\\]/g, '_').slice(0, 200);
      const attachment = em.create(Attachment, { name, mime, size: stored.file.size, sha256: stored.file.sha256, regionCode: region.code, regionPath: region.path, programmeKey: programme?.key ?? null, uploadedBy: actor.id });
      await em.flush();
      res.status(201).json({ id: attachment.id, name, size: attachment.size, mime, sha256: attachment.sha256 });
    } catch (e) {
      req.resume();
      fail(res, e, services);
    }
  });

  app.get('/files/:id', async (req, res) => {
    try {
      const actor = await actorOf(req, services);
      const id = String(req.params.id);
      const a = /^[0-9a-f-]{36}$/i.test(id) ? await services.orm.em.fork().findOne(Attachment, { id }) : null;
      const allowed = a && (a.uploadedBy === actor.id || isAdmin(actor) || grantsReading(actor, a.regionPath, a.programmeKey).length > 0);
      if (!a || !allowed) throw new DomainError('NOT_FOUND', { en: `File ${id} not found`, zh: `未找到文件 ${id}` });
      res.setHeader('Content-Type', a.mime);
      res.setHeader('Content-Length', String(a.size));
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.name)}`);
      res.setHeader('ETag', `"${a.sha256}"`);
      store.open(a.sha256).on('error', (e) => fail(res, e, services)).pipe(res);
    } catch (e) {
      fail(res, e, services);
    }
  });
}
