/**
 * Makes the client installable (web app manifest, PNG icons drawn at build time) and writes the
 * service worker (client/pwa/sw.js) with this build's file lists. Hand-written rather than a
 * plugin: the worker is 80 lines and must cache nothing but the app's own public files.
 */
import fs from 'node:fs';
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

export const THEME = '#b71c1c';
/** The lazy pages a village cadre needs without a connection; other pages are kept once visited. */
const OFFLINE_PAGES = /[\\/]pages[\\/](Inbox|NewApplication|ApplicationPage|SignIn|NotFound)\.tsx$/;

export const manifest = {
  name: '县域救助',
  short_name: '县域救助',
  description: '县级救助项目平台：申请、审核、公示',
  lang: 'zh-CN',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  background_color: '#ffffff',
  theme_color: THEME,
  icons: [
    { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
};

interface ChunkLike {
  type: 'chunk';
  fileName: string;
  name: string;
  isEntry: boolean;
  isDynamicEntry: boolean;
  facadeModuleId: string | null;
  imports: string[];
  viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> };
}

export function pwa(): Plugin {
  return {
    name: 'aid-pwa',
    apply: 'build',
    enforce: 'post',
    transformIndexHtml: {
      order: 'post',
      handler: (html) => {
        if (!html.includes('id="root"')) return html; // only the app, not GraphiQL
        return [
          { tag: 'link', attrs: { rel: 'manifest', href: '/manifest.webmanifest' }, injectTo: 'head' },
          { tag: 'meta', attrs: { name: 'theme-color', content: THEME }, injectTo: 'head' },
          { tag: 'link', attrs: { rel: 'apple-touch-icon', href: '/icons/icon-192.png' }, injectTo: 'head' },
        ];
      },
    },
    generateBundle(_options, bundle) {
      const files = Object.values(bundle);
      const chunks = new Map(files.filter((f): f is never => f.type === 'chunk').map((c: ChunkLike) => [c.fileName, c]));
      const wanted = new Set<string>();
      const visit = (file: string) => {
        if (wanted.has(file)) return;
        wanted.add(file);
        const c = chunks.get(file);
        if (!c) return;
        c.imports.forEach(visit);
        c.viteMetadata?.importedCss.forEach((f) => wanted.add(f));
        c.viteMetadata?.importedAssets.forEach((f) => wanted.add(f));
      };
      for (const c of chunks.values()) {
        if ((c.isEntry && c.name === 'index') || (c.isDynamicEntry && OFFLINE_PAGES.test(c.facadeModuleId ?? ''))) visit(c.fileName);
      }
      const icons = { 'icons/icon-192.png': icon(192, false), 'icons/icon-512.png': icon(512, false), 'icons/maskable-512.png': icon(512, true) };
      for (const [fileName, source] of Object.entries(icons)) this.emitFile({ type: 'asset', fileName, source });
      this.emitFile({ type: 'asset', fileName: 'manifest.webmanifest', source: JSON.stringify(manifest, null, 2) });
      const build = files.map((f) => f.fileName).filter((f) => f.startsWith('assets/')).concat(Object.keys(icons)).map((f) => `/${f}`).sort();
      const precache = [...wanted].filter((f) => f.startsWith('assets/')).map((f) => `/${f}`).concat(Object.keys(icons).map((f) => `/${f}`)).sort();
      const version = crypto.createHash('sha256').update(build.join('\n')).digest('hex').slice(0, 12);
      const template = fs.readFileSync(fileURLToPath(new URL('./sw.js', import.meta.url)), 'utf8');
      const source = template
        .replace('__VERSION__', version)
        .replace('__PRECACHE__', JSON.stringify(precache))
        .replace('__BUILD_FILES__', JSON.stringify(build));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

/**
 * The app icon: a white heart on the brand's red. `maskable` fills the square and keeps the
 * heart inside the central safe zone (launchers cut their own shape); otherwise rounded corners.
 */
export function icon(size: number, maskable: boolean): Buffer {
  const red = [0xb7, 0x1c, 0x1c];
  const scale = maskable ? 0.55 : 0.72;
  const radius = maskable ? 0 : size * 0.18;
  const rgba = Buffer.alloc(size * size * 4);
  const S = 4; // 4×4 samples per pixel for smooth edges
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let inside = 0;
      let heart = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const px = x + (sx + 0.5) / S;
          const py = y + (sy + 0.5) / S;
          if (!inRoundedSquare(px, py, size, radius)) continue;
          inside++;
          // Heart curve (x² + y² − 1)³ − x²y³ ≤ 0 over [-1.3, 1.3], y up.
          const hx = ((px / size - 0.5) * 2.6) / scale;
          const hy = (-(py / size - 0.52) * 2.6) / scale;
          const a = hx * hx + hy * hy - 1;
          if (a * a * a - hx * hx * hy * hy * hy <= 0) heart++;
        }
      }
      const i = (y * size + x) * 4;
      const h = heart / inside || 0;
      for (let c = 0; c < 3; c++) rgba[i + c] = Math.round(red[c] * (1 - h) + 255 * h);
      rgba[i + 3] = Math.round((255 * inside) / (S * S));
    }
  }
  return encodePng(size, size, rgba);
}

function inRoundedSquare(x: number, y: number, size: number, r: number): boolean {
  if (r <= 0) return true;
  const cx = Math.min(Math.max(x, r), size - r);
  const cy = Math.min(Math.max(y, r), size - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter, no interlace
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', zlib.deflateSync(raw, { level: 9 })), pngChunk('IEND', Buffer.alloc(0))]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}
