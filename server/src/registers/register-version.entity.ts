import { Entity, ManyToOne, PrimaryKey, Property, Unique, type Opt, type Rel } from '@mikro-orm/core';
import { Register } from './register.entity.js';
import type { RegisterSettings } from './register-definition.js';

export type RegisterVersionStatus = 'draft' | 'published' | 'superseded';

/**
 * One version of a register's definition: the entry schema and its settings (key fields, status
 * field and statuses, change kinds, person fields, editing roles). Once published it never
 * changes (a database trigger refuses it); entries record the version they were last validated with.
 */
@Entity({ tableName: 'register_version' })
@Unique({ properties: ['register', 'number'] })
export class RegisterVersion {
  @PrimaryKey({ type: 'uuid' })
  id: string = crypto.randomUUID();

  @ManyToOne({ entity: () => Register })
  register!: Rel<Register>;

  @Property({ type: 'integer' })
  number!: number;

  @Property({ type: 'string' })
  status: RegisterVersionStatus & Opt = 'draft';

  @Property({ type: 'json' })
  schema!: Record<string, unknown>;

  @Property({ type: 'json', nullable: true })
  uiSchema?: Record<string, unknown> | null;

  @Property({ type: 'json' })
  settings!: RegisterSettings;

  @Property({ type: 'uuid', nullable: true })
  createdBy?: string | null;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'datetime', nullable: true })
  publishedAt?: Date | null;
}
