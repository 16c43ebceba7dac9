import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { trustProxySetting } from './trust-proxy.js';

/** The client address express derives for a request from 127.0.0.1 carrying X-Forwarded-For. */
let servers: http.Server[] = [];
async function ipSeen(setting: string, xff: string): Promise<string> {
  const app = express();
  app.set('trust proxy', trustProxySetting(setting));
  app.get('/', (req, res) => void res.send(req.ip));
  const server = http.createServer(app);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { headers: { 'x-forwarded-for': xff } });
  return (await res.text()).replace(/^::ffff:/, '');
}

beforeAll(() => {
  servers = [];
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

describe('TRUST_PROXY', () => {
  it('believes X-Forwarded-For only from a configured proxy', async () => {
    expect(await ipSeen('loopback', '203.0.113.5')).toBe('203.0.113.5');
    expect(await ipSeen('10.0.0.9', '203.0.113.5')).toBe('127.0.0.1');
    expect(await ipSeen('false', '203.0.113.5')).toBe('127.0.0.1');
  });

  it('takes the address the trusted proxy saw, not what the client wrote before it', async () => {
    // A client behind our proxy forges a header; nginx appends the real address.
    expect(await ipSeen('loopback', '10.1.2.3, 198.51.100.7')).toBe('198.51.100.7');
    // The former default also trusted private addresses, so the forged one won.
    expect(await ipSeen('loopback, uniquelocal', '10.1.2.3, 192.168.1.20')).toBe('10.1.2.3');
  });

  it('parses hop counts and booleans', () => {
    expect(trustProxySetting('1')).toBe(1);
    expect(trustProxySetting('true')).toBe(true);
    expect(trustProxySetting(' ')).toBe('loopback');
    expect(trustProxySetting('loopback, 10.0.0.0/8')).toBe('loopback, 10.0.0.0/8');
  });
});
