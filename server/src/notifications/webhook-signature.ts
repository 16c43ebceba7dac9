/**
 * Webhook signatures: HMAC-SHA256 over `<timestamp>.<body>` with the subscription's secret,
 * sent as `X-Aid-Timestamp` (Unix seconds) and `X-Aid-Signature: sha256=<hex>`. Signing the
 * timestamp with the body lets a receiver refuse replays older than a few minutes.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does (also used by the tests): recompute and compare in constant time. */
export function verifyWebhook(secret: string, timestamp: string | null, body: string, signature: string | null, toleranceSeconds = 300, now = Date.now()): boolean {
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(now / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, Number(timestamp), body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
