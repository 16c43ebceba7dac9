/**
 * TRUST_PROXY as Express's `trust proxy` takes it: a hop count, true/false, or addresses and
 * subnets (comma list, names like `loopback` and `uniquelocal` included). Only a request that
 * arrives from one of these has its X-Forwarded-For believed; the sign-in limits and objection
 * counts key on the client address that results.
 */
export function trustProxySetting(raw: string): boolean | number | string {
  const v = raw.trim();
  if (/^\d+$/.test(v)) return Number(v);
  if (v === 'true' || v === 'false') return v === 'true';
  return v || 'loopback';
}
