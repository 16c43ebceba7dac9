/** Operations of the user-administration page (/admin/users). */
import { graphql } from '../graphql';
import type { AdminUsersQuery, AdminRolesQuery } from '../graphql/graphql';

export const AdminUsersDocument = graphql(`
  query AdminUsers($regionCode: String, $search: String, $first: Int!, $after: String) {
    users(regionCode: $regionCode, search: $search, first: $first, after: $after) {
      totalCount
      edges { node { id username displayName active regionCode roles { role roleTitle roleTitleEn roleRegionCode regionCode } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);
export type AdminUser = AdminUsersQuery['users']['edges'][number]['node'];

export const AdminRolesDocument = graphql(`
  query AdminRoles($regionCode: String, $includeBelow: Boolean!, $includeRetired: Boolean!) {
    roles(regionCode: $regionCode, includeBelow: $includeBelow, includeRetired: $includeRetired) { id name zh en builtIn regionCode retired readScope }
  }
`);
export type AdminRole = AdminRolesQuery['roles'][number];

export const CreateUserDocument = graphql(`
  mutation AdminCreateUser($input: CreateUserInput!) { createUser(input: $input) { id username } }
`);
export const CreateUsersDocument = graphql(`
  mutation AdminCreateUsers($rows: [NewUserRow!]!) {
    createUsers(rows: $rows) { initialPassword user { username displayName regionCode roles { role roleTitle roleTitleEn regionCode } } }
  }
`);
export const DisableUserDocument = graphql(`
  mutation AdminDisableUser($username: String!) { disableUser(username: $username) { id active } }
`);
export const EnableUserDocument = graphql(`
  mutation AdminEnableUser($username: String!) { enableUser(username: $username) { id active } }
`);
export const ResetPasswordDocument = graphql(`
  mutation AdminResetPassword($username: String!, $password: String!) { resetPassword(username: $username, password: $password) { id } }
`);
export const GrantRoleDocument = graphql(`
  mutation AdminGrantRole($username: String!, $role: String!, $regionCode: String!) { grantRole(username: $username, role: $role, regionCode: $regionCode) { role regionCode } }
`);
export const RevokeRoleDocument = graphql(`
  mutation AdminRevokeRole($username: String!, $role: String!, $regionCode: String!) { revokeRole(username: $username, role: $role, regionCode: $regionCode) }
`);
export const DefineRoleDocument = graphql(`
  mutation AdminDefineRole($input: RoleInput!) { defineRole(input: $input) { id name } }
`);
export const UpdateRoleDocument = graphql(`
  mutation AdminUpdateRole($input: RoleInput!) { updateRole(input: $input) { id name } }
`);
export const RetireRoleDocument = graphql(`
  mutation AdminRetireRole($name: String!, $regionCode: String!) { retireRole(name: $name, regionCode: $regionCode) { id retired } }
`);
