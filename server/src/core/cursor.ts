/**
 * Keyset cursors (`<ISO time>|<uuid>`, base64url) of every paged list. Anything else a client
 * sends as `after` (garbage, another list's token, an id that is not a UUID) is BAD_USER_INPUT
 * before it reaches SQL, where it would fail the uuid cast with a driver error.
 */
import { DomainError } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

export const encodeKeysetCursor = (at: Date, id: string) => Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');

export function decodeKeysetCursor(cursor: string): { at: Date; id: string } {
  const parts = cursor.length <= 200 && /^[A-Za-z0-9_-]*={0,2}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString().split('|') : [];
  const [at, id] = parts;
  const date = at && ISO.test(at) ? new Date(at) : undefined;
  if (parts.length !== 2 || !id || !UUID.test(id) || !date || Number.isNaN(date.getTime())) {
    throw new DomainError('BAD_USER_INPUT', 'Invalid cursor: pass an endCursor this list returned', {
      messageZh: '分页游标无效：请使用本列表返回的 endCursor',
      problems: [{ path: '/after', message: '不是本列表返回的游标', messageEn: 'not a cursor from this list' }],
    });
  }
  return { at: date, id };
}
