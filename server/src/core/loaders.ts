/**
 * Per-request DataLoaders: fields of list items (region names, pinned versions, programmes,
 * histories) are fetched in one query per kind, never one per row.
 */
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Region } from '../regions/region.entity.js';
import { Programme } from '../programmes/programme.entity.js';
import { ProgrammeVersion } from '../programmes/programme-version.entity.js';
import { ApplicationEvent } from '../applications/application-event.entity.js';
import { pinnedVersions, type PinnedVersion } from '../applications/pinned-version.js';

export interface Loaders {
  region: DataLoader<string, Region | undefined>;
  programme: DataLoader<string, Programme | undefined>;
  pinned: DataLoader<string, PinnedVersion>;
  version: DataLoader<string, ProgrammeVersion | undefined>;
  history: DataLoader<string, ApplicationEvent[]>;
}

export function createLoaders(em: EntityManager): Loaders {
  return {
    region: new DataLoader(async (codes) => {
      const rows = await em.find(Region, { code: { $in: [...codes] } });
      const by = new Map(rows.map((r) => [r.code, r]));
      return codes.map((c) => by.get(c));
    }),
    programme: new DataLoader(async (ids) => {
      const rows = await em.find(Programme, { id: { $in: [...ids] } }, { populate: ['versions'] });
      const by = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => by.get(id));
    }),
    pinned: new DataLoader(async (ids) => {
      const map = await pinnedVersions(em, ids);
      return ids.map((id) => map.get(id)!);
    }),
    version: new DataLoader(async (ids) => {
      const rows = await em.find(ProgrammeVersion, { id: { $in: [...ids] } });
      const by = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => by.get(id));
    }),
    history: new DataLoader(async (ids) => {
      const rows = await em.find(ApplicationEvent, { applicationId: { $in: [...ids] } }, { orderBy: { applicationId: 'asc', seq: 'asc' } });
      return ids.map((id) => rows.filter((r) => r.applicationId === id));
    }),
  };
}
