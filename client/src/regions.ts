/** Region names and children, cached for the page's lifetime (the tree changes rarely). */
import { useEffect, useState } from 'react';
import { graphql } from './graphql';
import type { RegionsQuery } from './graphql/graphql';
import { request } from './api';

export type Region = RegionsQuery['regions'][number];

const RegionsDocument = graphql(`
  query Regions($parentCode: String) {
    regions(parentCode: $parentCode) { code name level parentCode }
  }
`);
const RegionDocument = graphql(`
  query Region($code: String!) {
    region(code: $code) { code name level parentCode }
  }
`);

const children = new Map<string, Promise<Region[]>>();
const byCode = new Map<string, Promise<Region | null>>();

// The region tree is public and small per level: the levels a user opened are kept in
// localStorage too, so the village picker and region names work without a connection.
const KEPT = 'aid.regions.';
function keep(key: string, value: unknown) {
  try {
    localStorage.setItem(KEPT + key, JSON.stringify(value));
  } catch {
    /* storage full: the tree is only a convenience offline */
  }
}
function kept<T>(key: string): T | null {
  try {
    return JSON.parse(localStorage.getItem(KEPT + key) ?? 'null') as T | null;
  } catch {
    return null;
  }
}

export function loadChildren(parentCode: string | null): Promise<Region[]> {
  const key = parentCode ?? '';
  let p = children.get(key);
  if (!p) {
    p = request(RegionsDocument, { parentCode }).then(
      (d) => {
        keep(`children:${key}`, d.regions);
        for (const r of d.regions) {
          keep(`region:${r.code}`, r);
          if (!byCode.has(r.code)) byCode.set(r.code, Promise.resolve(r));
        }
        return d.regions;
      },
      (e) => {
        const offline = kept<Region[]>(`children:${key}`);
        if (offline) return offline;
        throw e;
      },
    );
    p.catch(() => children.delete(key));
    children.set(key, p);
  }
  return p;
}

export function loadRegion(code: string): Promise<Region | null> {
  let p = byCode.get(code);
  if (!p) {
    p = request(RegionDocument, { code })
      .then((d) => {
        if (d.region) keep(`region:${code}`, d.region);
        return d.region;
      })
      .catch(() => {
        byCode.delete(code);
        return kept<Region>(`region:${code}`);
      });
    byCode.set(code, p);
  }
  return p;
}

/** Names for a set of codes; unknown codes show as the code itself. */
export function useRegionNames(codes: readonly string[]): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  const key = [...new Set(codes)].sort().join(',');
  useEffect(() => {
    let live = true;
    const list = key ? key.split(',') : [];
    Promise.all(list.map((c) => loadRegion(c))).then((rs) => {
      if (!live) return;
      const out: Record<string, string> = {};
      list.forEach((c, i) => (out[c] = rs[i]?.name ?? c));
      setNames(out);
    });
    return () => {
      live = false;
    };
  }, [key]);
  return names;
}

/** The county of the demo data; a deployment with several counties picks from the user's grants. */
export const levelOrder = ['province', 'city', 'county', 'township', 'village'];
