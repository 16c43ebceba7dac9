import { Collection, Entity, OneToMany, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { ProgrammeVersion } from './programme-version.entity.js';
import type { NoticeContact } from '../notices/notice-contact.js';

/** An aid programme owned by a county; its form and workflow live in versions. */
@Entity({ tableName: 'programme' })
export class Programme {
  @PrimaryKey({ type: 'uuid' })
  id: string = crypto.randomUUID();

  @Property({ type: 'string', unique: true })
  key!: string;

  @Property({ type: 'string' })
  name!: string;

  @Property({ type: 'string', nullable: true })
  nameEn?: string | null;

  @Property({ type: 'text', nullable: true })
  description?: string | null;

  /** The owning county. */
  @Property({ type: 'string', length: 12 })
  regionCode!: string;

  @Property({ type: 'string' })
  regionPath!: string;

  @Property({ type: 'string' })
  status: ('active' | 'retired') & Opt = 'active';

  /** Who issues this programme's notices and how to reach them; null: the county's contact. */
  @Property({ type: 'json', nullable: true })
  noticeContact?: NoticeContact | null;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

  @OneToMany({ entity: () => ProgrammeVersion, mappedBy: 'programme', orderBy: { number: 'asc' } })
  versions = new Collection<ProgrammeVersion>(this);
}
