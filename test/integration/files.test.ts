import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startTestServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ maxUploadBytes: 64 * 1024 });
});
afterAll(async () => {
  await s?.stop();
});

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x20), Buffer.from('%%EOF\n')]);

async function upload(token: string | undefined, body: Buffer, name = '证明.pdf', region = '130636100201') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(body)]), name);
  const res = await fetch(`${s.url}/files?regionCode=${region}`, { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: (await res.json()) as any };
}

describe('attachments', () => {
  it('stores a PDF with its checksum and serves it back to staff of the region', async () => {
    const cadre = await s.login('dongjie_cadre');
    const r = await upload(cadre, PDF);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ name: '证明.pdf', size: PDF.length, mime: 'application/pdf', sha256: createHash('sha256').update(PDF).digest('hex') });
    const get = await fetch(`${s.url}/files/${r.body.id}`, { headers: { authorization: `Bearer ${await s.login('puyang_reviewer')}` } });
    expect(get.status).toBe(200);
    expect(Buffer.from(await get.arrayBuffer()).equals(PDF)).toBe(true);
    const outside = await fetch(`${s.url}/files/${r.body.id}`, { headers: { authorization: `Bearer ${await s.login('yaoshan_reviewer')}` } });
    expect(outside.status).toBe(404);
  });

  it('refuses other types, oversized files, strangers and regions outside the uploader', async () => {
    const cadre = await s.login('dongjie_cadre');
    const exe = await upload(cadre, Buffer.from('MZ\x90\x00 not a pdf'), 'virus.pdf');
    expect(exe.status).toBe(400);
    expect(exe.body.errors[0].message).toMatch(/PDF, JPEG and PNG/);
    const big = await upload(cadre, Buffer.concat([PDF, Buffer.alloc(70 * 1024)]));
    expect(big.status).toBe(400);
    expect(big.body.errors[0].message).toMatch(/limited/);
    expect((await upload(undefined, PDF)).status).toBe(401);
    expect((await upload(cadre, PDF, 'x.pdf', '130636102202')).status).toBe(403);
  });

  it('keeps nothing on disk of a refused upload', async () => {
    const cadre = await s.login('dongjie_cadre');
    const files = () => (fs.readdirSync(s.services.config.uploadDir, { recursive: true }) as string[])
      .filter((f) => fs.statSync(path.join(s.services.config.uploadDir, f)).isFile());
    const before = files();
    expect((await upload(cadre, Buffer.from('MZ\x90\x00 an executable, not a PDF'), 'virus.pdf')).status).toBe(400);
    expect((await upload(cadre, Buffer.concat([PDF, Buffer.alloc(70 * 1024)]))).status).toBe(400);
    expect((await upload(cadre, Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(4000)]), 'a.gif')).status).toBe(400);
    expect(files()).toEqual(before);
  });
});
