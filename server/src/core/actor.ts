/** The signed-in user as services see it: identity plus role grants with their region paths. */
export interface Grant {
  role: string;
  regionCode: string;
  regionPath: string;
  /** The role row granted (a role's identity is its name and the region that defined it). */
  roleId?: string;
  /**
   * Path of the region that defined the role; undefined for built-in roles. A county's role only
   * ever acts within that county, whatever its name means elsewhere.
   */
  rolePath?: string;
  /**
   * Keys of the programmes whose cases this grant may read, when the role's read scope is
   * 'programmes' (the programmes whose workflows name the role); undefined when it reads every
   * programme. Keys, not ids: applications carry the key in an index ordered like the lists.
   */
  readProgrammes?: readonly string[];
  /**
   * Ids of the registers whose entries this grant may read, when the role's read scope is
   * 'programmes': the registers those programmes act on (`meta.register.key` of their published
   * or pinned versions). Ids, not keys: entries and persons carry the register's id. A head
   * teacher whose 雨露计划 names no register reads no household; a verifier of 监测, which acts on
   * the household register, reads the households of its region. Undefined when the role reads
   * everything in its regions.
   */
  readRegisterIds?: readonly string[];
}

export interface Actor {
  id: string;
  username: string;
  displayName: string;
  grants: Grant[];
}

/**
 * Grants of `actor` (optionally of the given roles) that cover the region at `regionPath`. A role
 * name names the role visible at that region, so a grant of a county's own role counts only inside
 * the county that defined it: county A's `village_doctor` never acts as county B's.
 */
export function grantsCovering(actor: Actor, regionPath: string, roles?: readonly string[]): Grant[] {
  return actor.grants.filter(
    (g) => regionPath.startsWith(g.regionPath) && (!roles || roles.includes(g.role)) && (!g.rolePath || regionPath.startsWith(g.rolePath)),
  );
}

/** Whether the grant's read scope includes cases of this programme. */
export function readsProgramme(grant: Grant, programmeKey: string | null | undefined): boolean {
  return !grant.readProgrammes || (!!programmeKey && grant.readProgrammes.includes(programmeKey));
}

/** Grants that let the actor read a case of programme `programmeKey` in the region at `regionPath`. */
export function grantsReading(actor: Actor, regionPath: string, programmeKey: string | null | undefined): Grant[] {
  return actor.grants.filter((g) => regionPath.startsWith(g.regionPath) && readsProgramme(g, programmeKey));
}

/** Whether the grant's read scope includes entries of this register. */
export function readsRegister(grant: Grant, registerId: string): boolean {
  return !grant.readRegisterIds || grant.readRegisterIds.includes(registerId);
}

/** Grants that let the actor read an entry of register `registerId` in the region at `regionPath`. */
export function grantsReadingRegister(actor: Actor, regionPath: string, registerId: string): Grant[] {
  return actor.grants.filter((g) => regionPath.startsWith(g.regionPath) && readsRegister(g, registerId));
}

export function isAdmin(actor: Actor | undefined): boolean {
  return !!actor?.grants.some((g) => g.role === 'admin');
}

/** Admins everywhere; county admins within their county's subtree. */
export function canAdministerRegion(actor: Actor, regionPath: string): boolean {
  return isAdmin(actor) || grantsCovering(actor, regionPath, ['county_admin']).length > 0;
}
