import { Entity, ManyToOne, PrimaryKey, Property, Unique, type Opt, type Rel } from '@mikro-orm/core';
import { User } from './user.entity.js';

/** A role held on a region; it covers the region's whole subtree (`regionPath` prefix). */
@Entity({ tableName: 'role_grant' })
@Unique({ properties: ['user', 'role', 'regionCode'] })
export class RoleGrant {
  @PrimaryKey({ type: 'uuid' })
  id: string = crypto.randomUUID();

  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  user!: Rel<User>;

  /** The role's name: what workflows name and applications' actor_roles hold. */
  @Property({ type: 'string' })
  role!: string;

  /** The role row granted; a name means different roles in different counties. */
  @Property({ type: 'uuid' })
  roleId!: string;

  @Property({ type: 'string', length: 12 })
  regionCode!: string;

  @Property({ type: 'string' })
  regionPath!: string;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();
}
