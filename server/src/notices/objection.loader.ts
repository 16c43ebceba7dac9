/**
 * Per-request DataLoader for `Application.objections`, kept with the notices domain: a list of
 * applications asking for their objections costs one query. One loader per request context.
 */
import DataLoader from 'dataloader';
import type { Context } from '../core/context.js';
import type { Objection } from './objection.entity.js';
import { objectionsOf } from './objection.service.js';

const loaders = new WeakMap<Context, DataLoader<string, Objection[]>>();

export function objectionLoader(ctx: Context): DataLoader<string, Objection[]> {
  let loader = loaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      const rows = await objectionsOf(ctx, ids);
      const by = new Map<string, Objection[]>(ids.map((id) => [id, []]));
      for (const o of rows) by.get(o.applicationId)?.push(o);
      return ids.map((id) => by.get(id)!);
    });
    loaders.set(ctx, loader);
  }
  return loader;
}
