/**
 * The register domain's pieces for the composition root: its ORM entities and GraphQL resolvers
 * (one line each in core/entities.ts and resolvers.ts). Entries, changes and persons are plain SQL.
 */
import { Register } from './register.entity.js';
import { RegisterVersion } from './register-version.entity.js';
import { RegisterResolver } from './register.resolver.js';
import { RegisterEntryResolver, RegisterPersonResolver } from './entry.resolver.js';
import { ApplicationEntryResolver } from './application-entry.resolver.js';

export const registerEntities: Function[] = [Register, RegisterVersion];
export const registerResolvers: Function[] = [RegisterResolver, RegisterEntryResolver, RegisterPersonResolver, ApplicationEntryResolver];

// What workflow effects and imports call, on the caller's transaction (docs/registers.md).
export { applyEntryChange, createEntryIn, writeEntry, type EntryActor, type EntrySet, type ApplicationRef } from './entry-write.js';
export { createEntries, type Batch, type NewEntry } from './entry-batch.js';
