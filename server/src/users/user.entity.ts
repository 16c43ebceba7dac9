import { Collection, Entity, OneToMany, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { RoleGrant } from './role-grant.entity.js';

@Entity({ tableName: 'app_user' })
export class User {
  @PrimaryKey({ type: 'uuid' })
  id: string = crypto.randomUUID();

  @Property({ type: 'string', unique: true })
  username!: string;

  @Property({ type: 'string' })
  displayName!: string;

  @Property({ type: 'string', hidden: true })
  passwordHash!: string;

  @Property({ type: 'boolean' })
  active: boolean & Opt = true;

  @Property({ type: 'boolean' })
  demo: boolean & Opt = false;

  /** Home region: who may administer the user and where user lists find them (null: admins only). */
  @Property({ type: 'string', length: 12, nullable: true })
  regionCode?: string | null;

  @Property({ type: 'string', nullable: true })
  regionPath?: string | null;

  /** Tokens carry it; disabling the user or resetting the password bumps it, ending older tokens. */
  @Property({ type: 'integer' })
  tokenGeneration: number & Opt = 0;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

  @OneToMany({ entity: () => RoleGrant, mappedBy: 'user' })
  grants = new Collection<RoleGrant>(this);
}
