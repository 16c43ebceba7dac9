import { Entity, ManyToOne, PrimaryKey, Property, Unique, type Opt, type Rel } from '@mikro-orm/core';
import { Programme } from './programme.entity.js';

export type VersionStatus = 'draft' | 'published' | 'superseded' | 'retired';

/**
 * One version of a programme's definition. Once published its form and workflow never change
 * (a database trigger refuses it); applications pin the version they were created under.
 */
@Entity({ tableName: 'programme_version' })
@Unique({ properties: ['programme', 'number'] })
export class ProgrammeVersion {
  @PrimaryKey({ type: 'uuid' })
  id: string = crypto.randomUUID();

  @ManyToOne({ entity: () => Programme })
  programme!: Rel<Programme>;

  @Property({ type: 'integer' })
  number!: number;

  @Property({ type: 'string' })
  status: VersionStatus & Opt = 'draft';

  @Property({ type: 'json' })
  formSchema!: Record<string, unknown>;

  @Property({ type: 'json', nullable: true })
  uiSchema?: Record<string, unknown> | null;

  @Property({ type: 'json' })
  workflow!: Record<string, unknown>;

  @Property({ type: 'uuid', nullable: true })
  createdBy?: string | null;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'datetime', nullable: true })
  publishedAt?: Date | null;
}
