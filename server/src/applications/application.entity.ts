import { Entity, PrimaryKey, Property, type Opt } from '@mikro-orm/core';

export type ApplicationStatus = 'DRAFT' | 'IN_REVIEW' | 'UNDER_NOTICE' | 'APPROVED' | 'REJECTED' | 'WITHDRAWN';

/**
 * One case: form data pinned to a programme version, its place in the workflow (state and the
 * persisted XState snapshot) and `version` for optimistic concurrency. Indexes live in the migration.
 */
@Entity({ tableName: 'application' })
export class Application {
  @PrimaryKey({ type: 'uuid' })
  id: string = crypto.randomUUID();

  @Property({ type: 'string', unique: true })
  reference!: string;

  @Property({ type: 'uuid' })
  programmeId!: string;

  @Property({ type: 'string' })
  programmeKey!: string;

  /** The pinned programme version (published versions never change). */
  @Property({ type: 'uuid' })
  versionId!: string;

  @Property({ type: 'string', length: 12 })
  regionCode!: string;

  @Property({ type: 'string' })
  regionPath!: string;

  /**
   * The 3rd and 4th segments of `regionPath` (the county and the township in the usual
   * province/city/county/township/village tree), for filters only: never selected or written.
   * Each is the leading column of an index ordered like the lists (migration 006), so a list
   * scoped to a county or township reads one page of index entries instead of sorting the region.
   */
  @Property({ type: 'string', formula: (a) => `split_part(${a}.region_path, '/', 3)`, lazy: true, persist: false })
  countyCode?: string;

  @Property({ type: 'string', formula: (a) => `split_part(${a}.region_path, '/', 4)`, lazy: true, persist: false })
  townshipCode?: string;

  @Property({ type: 'json' })
  data!: Record<string, unknown>;

  @Property({ type: 'string' })
  state!: string;

  @Property({ type: 'json' })
  snapshot!: Record<string, unknown>;

  @Property({ type: 'string' })
  status!: ApplicationStatus;

  /** Roles that may act in the current state: lets `myTasks` find work with one indexed query. */
  @Property({ type: 'text[]' })
  actorRoles!: string[];

  @Property({ type: 'string', nullable: true })
  applicantName?: string | null;

  @Property({ type: 'integer' })
  version: number & Opt = 1;

  /** Sequence number of the event that entered the current state (quorum counts from there). */
  @Property({ type: 'integer' })
  stateSeq: number & Opt = 0;

  @Property({ type: 'text[]' })
  timerJobs: string[] & Opt = [];

  @Property({ type: 'uuid' })
  createdBy!: string;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'datetime' })
  updatedAt: Date & Opt = new Date();

  @Property({ type: 'datetime', nullable: true })
  submittedAt?: Date | null;

  @Property({ type: 'datetime' })
  stateEnteredAt: Date & Opt = new Date();

  @Property({ type: 'datetime', nullable: true })
  noticeEndsAt?: Date | null;

  /**
   * Open objections of the current notice visit (migration 008). While above 0 no timer ends the
   * notice; resolving the last one re-checks the deadline. Reset to 0 whenever the state changes.
   */
  @Property({ type: 'integer' })
  openObjections: number & Opt = 0;

  /** When the current step is due (meta.dueIn / meta.dueDate, or an open review's dueIn); migration 012. */
  @Property({ type: 'datetime', nullable: true })
  dueAt?: Date | null;

  /** Recurring reviews opened in the current state visit (0 before the first); reset on entering a state. */
  @Property({ type: 'integer' })
  reviewOccurrence: number & Opt = 0;

  /** Whether occurrence `reviewOccurrence` still waits for one of the review's events. */
  @Property({ type: 'boolean' })
  reviewOpen: boolean & Opt = false;

  /** The register entry (household) this case belongs to, when the programme names a register. */
  @Property({ type: 'uuid', nullable: true })
  entryId?: string | null;
  /** createApplication's idempotency key: unique per filer (migration 007). */
  @Property({ type: 'string', length: 100, nullable: true })
  idempotencyKey?: string | null;
}
