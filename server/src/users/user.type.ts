import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import type { User } from './user.entity.js';
import type { RoleGrant } from './role-grant.entity.js';
import { ROLES } from './roles.js';

@ObjectType('RoleGrant', { description: 'A role held on a region; it covers the whole subtree.' })
export class RoleGrantType {
  @Field(() => String) role!: string;
  @Field(() => String) roleTitle!: string;
  @Field(() => String) regionCode!: string;

  static from(g: Pick<RoleGrant, 'role' | 'regionCode'>): RoleGrantType {
    const info = ROLES.find((r) => r.name === g.role);
    return Object.assign(new RoleGrantType(), { role: g.role, roleTitle: info?.zh ?? g.role, regionCode: g.regionCode });
  }
}

@ObjectType('User')
export class UserType {
  @Field(() => ID) id!: string;
  @Field(() => String) username!: string;
  @Field(() => String) displayName!: string;
  @Field(() => [RoleGrantType]) roles!: RoleGrantType[];

  static from(u: User): UserType {
    const grants = u.grants.isInitialized() ? u.grants.getItems() : [];
    return Object.assign(new UserType(), { id: u.id, username: u.username, displayName: u.displayName, roles: grants.map(RoleGrantType.from) });
  }
}

@ObjectType('AuthPayload')
export class AuthPayload {
  @Field(() => String, { description: 'Bearer token for the Authorization header.' }) token!: string;
  @Field(() => GraphQLDateTime) expiresAt!: Date;
  @Field(() => UserType) user!: UserType;
}

@ObjectType('Role', { description: 'A role of the catalogue that workflows may name.' })
export class RoleType {
  @Field(() => String) name!: string;
  @Field(() => String) zh!: string;
  @Field(() => String) en!: string;
  @Field(() => Boolean, { description: 'Seeded with the platform (no owning region).' }) builtIn!: boolean;
  @Field(() => String, { nullable: true, description: 'The county that defined the role; null for built-in roles.' }) regionCode?: string | null;
  @Field(() => String, {
    description: 'all: reads every programme\'s cases in the granted regions; programmes: only cases (and their attachments, objections, history) of programmes whose workflows name the role.',
  })
  readScope!: string;
}

@InputType('CreateUserInput')
export class CreateUserInput {
  @Field(() => String) username!: string;
  @Field(() => String) password!: string;
  @Field(() => String) displayName!: string;
}
