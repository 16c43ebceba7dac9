import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { User } from './user.entity.js';
import type { RoleGrant } from './role-grant.entity.js';
import type { RoleRow } from './role.service.js';
import { PageInfoType } from '../applications/application.type.js';

type RoleTitles = ReadonlyMap<string, Pick<RoleRow, 'zh' | 'en' | 'regionCode'>>;

/** Titles of the granted roles, one query for any number of users. */
export async function roleTitles(em: EntityManager, users: User[]): Promise<RoleTitles> {
  const ids = [...new Set(users.flatMap((u) => (u.grants.isInitialized() ? u.grants.getItems().map((g) => g.roleId) : [])))];
  if (!ids.length) return new Map();
  const rows = await em.getConnection().execute<{ id: string; zh: string; en: string; regionCode: string | null }[]>(
    `select id, zh, en, region_code as "regionCode" from role where id = any(?::uuid[])`, [`{${ids.join(',')}}`],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

@ObjectType('RoleGrant', { description: 'A role held on a region; it covers the whole subtree.' })
export class RoleGrantType {
  @Field(() => String) role!: string;
  @Field(() => String) roleTitle!: string;
  @Field(() => String) roleTitleEn!: string;
  @Field(() => String, { nullable: true, description: 'The region that defined the role; null for a built-in role.' }) roleRegionCode?: string | null;
  @Field(() => String) regionCode!: string;

  static from(g: Pick<RoleGrant, 'role' | 'roleId' | 'regionCode'>, titles: RoleTitles): RoleGrantType {
    const info = titles.get(g.roleId);
    return Object.assign(new RoleGrantType(), {
      role: g.role, roleTitle: info?.zh ?? g.role, roleTitleEn: info?.en ?? g.role, roleRegionCode: info?.regionCode ?? null, regionCode: g.regionCode,
    });
  }
}

@ObjectType('User')
export class UserType {
  @Field(() => ID) id!: string;
  @Field(() => String) username!: string;
  @Field(() => String) displayName!: string;
  @Field(() => Boolean, { description: 'False once disabled: the user cannot sign in and their tokens stop working.' }) active!: boolean;
  @Field(() => String, { nullable: true, description: 'Home region: who administers the user.' }) regionCode?: string | null;
  @Field(() => [RoleGrantType]) roles!: RoleGrantType[];

  static from(u: User, titles: RoleTitles = new Map()): UserType {
    const grants = u.grants.isInitialized() ? u.grants.getItems() : [];
    return Object.assign(new UserType(), {
      id: u.id, username: u.username, displayName: u.displayName, active: u.active, regionCode: u.regionCode ?? null,
      roles: grants.map((g) => RoleGrantType.from(g, titles)),
    });
  }
}

@ObjectType('UserEdge')
export class UserEdgeType {
  @Field(() => String) cursor!: string;
  @Field(() => UserType) node!: UserType;
}

@ObjectType('UserConnection')
export class UserConnectionType {
  @Field(() => [UserEdgeType]) edges!: UserEdgeType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
  count!: () => Promise<number>;

  @Field(() => Int, { description: 'Size of the whole filtered list (a count query: ask only when shown).' })
  async totalCount(): Promise<number> {
    return this.count();
  }
}

@ObjectType('CreatedUser')
export class CreatedUserType {
  @Field(() => UserType) user!: UserType;
  @Field(() => String, { description: 'Generated; shown once, to hand to the user.' }) initialPassword!: string;
}

@ObjectType('AuthPayload')
export class AuthPayload {
  @Field(() => String, { description: 'Bearer token for the Authorization header.' }) token!: string;
  @Field(() => GraphQLDateTime) expiresAt!: Date;
  @Field(() => UserType) user!: UserType;
}

@ObjectType('Role', { description: 'A role of the catalogue that workflows may name. Its identity is (name, regionCode).' })
export class RoleType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) zh!: string;
  @Field(() => String) en!: string;
  @Field(() => Boolean, { description: 'Seeded with the platform (no owning region, visible everywhere).' }) builtIn!: boolean;
  @Field(() => String, { nullable: true, description: 'The region (county, city or province) that defined the role; visible there and below. Null for built-in roles.' }) regionCode?: string | null;
  @Field(() => Boolean, { description: 'Retired: no new grants, drafts or publishes may use it.' }) retired!: boolean;
  @Field(() => String, {
    description: 'all: reads every programme\'s cases in the granted regions; programmes: only cases (and their attachments, objections, history) of programmes whose workflows name the role.',
  })
  readScope!: string;

  static from(r: RoleRow): RoleType {
    return Object.assign(new RoleType(), {
      id: r.id, name: r.name, zh: r.zh, en: r.en, builtIn: r.builtIn, regionCode: r.regionCode, retired: !!r.retiredAt, readScope: r.readScope,
    });
  }
}

@InputType('CreateUserInput')
export class CreateUserInput {
  @Field(() => String) username!: string;
  @Field(() => String) password!: string;
  @Field(() => String) displayName!: string;
  @Field(() => String, { nullable: true, description: 'Home region; a county admin\'s users default to the county.' }) regionCode?: string | null;
}

@InputType('RoleInput')
export class RoleInput {
  @Field(() => String, { description: '^[a-z][a-z0-9_]{1,39}$; what workflows and grants name.' }) name!: string;
  @Field(() => String) zh!: string;
  @Field(() => String) en!: string;
  @Field(() => String, { description: 'The county (or city, province) defining the role.' }) regionCode!: string;
}

@InputType('NewUserRow')
export class NewUserRowInput {
  @Field(() => String) username!: string;
  @Field(() => String, { description: 'Display name.' }) name!: string;
  @Field(() => String, { description: 'Role granted on regionCode (a name visible there).' }) role!: string;
  @Field(() => String, { description: 'Region of the grant and the user\'s home region.' }) regionCode!: string;
}
