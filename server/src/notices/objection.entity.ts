import { Entity, PrimaryKey, Property, type Opt } from '@mikro-orm/core';

export type ObjectionStatus = 'open' | 'upheld' | 'dismissed';
export const OBJECTION_OUTCOMES = ['upheld', 'dismissed'] as const;

/**
 * An objection (异议) raised by the public against a case under notice. While open it pauses the
 * notice; staff uphold (confirm) or dismiss it. The text is stored as
 * plain text (control characters stripped) and never rendered as HTML. `clientIpHash` is a keyed
 * hash, so floods from one client can be recognised without keeping anyone's address.
 * Indexes and checks live in migration 004.
 */
@Entity({ tableName: 'objection' })
export class Objection {
  @PrimaryKey({ type: 'uuid' })
  id: string = crypto.randomUUID();

  @Property({ type: 'uuid' })
  applicationId!: string;

  /** The application's reference, as the objector typed it (normalised). */
  @Property({ type: 'string' })
  reference!: string;

  /** The notice state the objection was raised in. */
  @Property({ type: 'string' })
  state!: string;

  /** The visit of that state (application.state_seq); null for objections raised before migration 008. */
  @Property({ type: 'integer', nullable: true })
  stateSeq?: number | null;

  /**
   * The objector's receipt code (16 characters of Crockford base32, stored without dashes), for the
   * public `objectionStatus` look-up; null for objections raised before migration 008.
   */
  @Property({ type: 'string', nullable: true })
  receipt?: string | null;

  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'text', nullable: true })
  contact?: string | null;

  @Property({ type: 'string' })
  status: ObjectionStatus & Opt = 'open';

  @Property({ type: 'text', nullable: true })
  outcomeComment?: string | null;

  @Property({ type: 'uuid', nullable: true })
  resolvedBy?: string | null;

  @Property({ type: 'datetime', nullable: true })
  resolvedAt?: Date | null;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'string' })
  clientIpHash!: string;
}
