import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { NoticeContact } from '../notices/notice-contact.js';

export const REGION_LEVELS = ['province', 'city', 'county', 'township', 'village'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/**
 * One node of the administrative tree, keyed by its 12-digit statistical division code.
 * `path` is the materialised path of ancestor codes ("130000000000/130600000000/…/self/"), so a
 * subtree is `path LIKE 'prefix%'`, served by a text_pattern_ops index.
 */
@Entity({ tableName: 'region' })
export class Region {
  @PrimaryKey({ type: 'string', length: 12 })
  code!: string;

  @Property({ type: 'string' })
  name!: string;

  @Enum({ items: () => REGION_LEVELS, type: 'string' })
  level!: RegionLevel;

  @Property({ type: 'string', length: 12, nullable: true })
  @Index()
  parentCode?: string | null;

  @Property({ type: 'string' })
  path!: string;

  /** A county's notice-issuing office, phone and address (programmes may name their own). */
  @Property({ type: 'json', nullable: true })
  noticeContact?: NoticeContact | null;
}
