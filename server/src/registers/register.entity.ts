import { Collection, Entity, OneToMany, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { RegisterVersion } from './register-version.entity.js';

/** A register (e.g. the household register 户籍档案) owned by a county; its definition lives in versions. */
@Entity({ tableName: 'register' })
export class Register {
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

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

  @OneToMany({ entity: () => RegisterVersion, mappedBy: 'register', orderBy: { number: 'asc' } })
  versions = new Collection<RegisterVersion>(this);
}
