/**
 * The public notice board: applications under notice (status UNDER_NOTICE), optionally within a
 * region's subtree, newest notice first. Public on purpose: no login. The rows are read here and
 * only `toPublicNotice` turns them into output, so nothing outside the allow-list can escape.
 * Keyset-paged on (state_entered_at, id) like the staff lists; the partial index
 * application_notice_index (migration 003) keeps the UNDER_NOTICE subset small.
 */
import type { FilterQuery } from '@mikro-orm/core';
import type { Context } from '../core/context.js';
import { badInput } from '../core/errors.js';
import { decodeKeysetCursor } from '../core/cursor.js';
import { getRegion } from '../regions/region.service.js';
import { Application } from '../applications/application.entity.js';

export interface NoticePage {
  items: Application[];
  hasNextPage: boolean;
  endCursor: string | null;
  count: () => Promise<number>;
  /** Path of the region asked for ('' for all): what a board cache entry is invalidated by. */
  regionPath: string;
}

export const encodeNoticeCursor = (a: Pick<Application, 'stateEnteredAt' | 'id'>) =>
  Buffer.from(`${a.stateEnteredAt.toISOString()}|${a.id}`).toString('base64url');

const decodeCursor = decodeKeysetCursor;

export async function listPublicNotices(ctx: Context, regionCode?: string | null, first = 20, after?: string | null): Promise<NoticePage> {
  if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput({ en: 'first must be between 1 and 100', zh: 'first 须在 1–100 之间' }, [{ path: '/first', message: '1–100', messageEn: '1–100' }]);
  const where: FilterQuery<Application>[] = [{ status: 'UNDER_NOTICE' }];
  const regionPath = regionCode ? (await getRegion(ctx.em, regionCode)).path : '';
  if (regionCode) where.push({ regionPath: { $like: `${regionPath}%` } });
  const paged = [...where];
  if (after) {
    const c = decodeCursor(after);
    paged.push({ $or: [{ stateEnteredAt: { $lt: c.at } }, { stateEnteredAt: c.at, id: { $lt: c.id } }] });
  }
  const rows = await ctx.em.find(Application, { $and: paged }, { orderBy: [{ stateEnteredAt: 'desc' }, { id: 'desc' }], limit: first + 1 });
  const items = rows.slice(0, first);
  return {
    items,
    hasNextPage: rows.length > first,
    endCursor: items.length ? encodeNoticeCursor(items[items.length - 1]!) : null,
    count: () => ctx.em.count(Application, { $and: where }),
    regionPath,
  };
}
