import { Entity, PrimaryKey, Property, type Opt } from '@mikro-orm/core';

/** Append-only history: the database refuses updates and deletes (trigger in migration 003). */
@Entity({ tableName: 'application_event' })
export class ApplicationEvent {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  applicationId!: string;

  @Property({ type: 'integer' })
  seq!: number;

  @Property({ type: 'datetime' })
  at: Date & Opt = new Date();

  /** Null for the system (timers) and the public (objections). */
  @Property({ type: 'uuid', nullable: true })
  actorId?: string | null;

  @Property({ type: 'string', nullable: true })
  actorName?: string | null;

  @Property({ type: 'string', nullable: true })
  role?: string | null;

  @Property({ type: 'string', length: 12, nullable: true })
  regionCode?: string | null;

  @Property({ type: 'string' })
  event!: string;

  @Property({ type: 'string', nullable: true })
  fromState?: string | null;

  @Property({ type: 'string' })
  toState!: string;

  @Property({ type: 'text', nullable: true })
  comment?: string | null;

  /** The changed fields as { pointer: new value }. */
  @Property({ type: 'json', nullable: true })
  patch?: Record<string, unknown> | null;

  /** The recurring review's occurrence a REVIEW_DUE row opens or an answer closes (migration 012). */
  @Property({ type: 'integer', nullable: true })
  occurrence?: number | null;

  /** A VERSION_MIGRATED row: the programme version numbers the case moved between (migration 022). */
  @Property({ type: 'integer', nullable: true })
  fromVersion?: number | null;

  @Property({ type: 'integer', nullable: true })
  toVersion?: number | null;
}
