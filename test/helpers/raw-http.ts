/**
 * One HTTP request whose answer is kept as it came over the wire: fetch() would undo a
 * Content-Encoding, and the tests of compression must see the bytes the server sent.
 */
import http from 'node:http';

export interface RawAnswer { status: number; headers: http.IncomingHttpHeaders; body: Buffer }

export function rawRequest(url: string, { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A GET that accepts the given encodings (`accept-encoding`). */
export const rawGet = (url: string, acceptEncoding: string) => rawRequest(url, { headers: { 'accept-encoding': acceptEncoding } });
