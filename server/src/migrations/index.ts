/**
 * Committed migrations, listed explicitly so the compiled server and the TypeScript tests run the
 * very same list (no file globbing). Append new ones; never edit one that has shipped.
 */
import { Migration001Foundation } from './001-foundation.js';
import { Migration002Programmes } from './002-programmes.js';
import { Migration003Applications } from './003-applications.js';
import { Migration004Notices } from './004-notices.js';
import { Migration005Files } from './005-files.js';
import { Migration006ListIndexes } from './006-list-indexes.js';
import { Migration007Edge } from './007-edge.js';
import { Migration008RolesObjections } from './008-roles-objections.js';
import { Migration009CountyRoles } from './009-county-roles.js';
import { Migration010Registers } from './010-registers.js';
import { Migration011UniqueScopes } from './011-unique-scopes.js';
import { Migration012DueDates } from './012-due-dates.js';
import { Migration013Imports } from './013-imports.js';
import { Migration014Ledgers } from './014-ledgers.js';
import { Migration016ApplicationEntry } from './016-application-entry.js';
import { Migration017Reports } from './017-reports.js';
import { Migration018Quality } from './018-quality.js';
import { Migration019NoticeContact } from './019-notice-contact.js';
import { Migration020Notifications } from './020-notifications.js';
import { Migration021ActorCache } from './021-actor-cache.js';
import { Migration022VersionMigration } from './022-version-migration.js';
import { Migration029RollupNow } from './029-rollup-now.js';
import { Migration030EntryWriteRefused } from './030-entry-write-refused.js';
import { Migration023DossierCompleteness } from './023-dossier-completeness.js';
import { Migration025ImportSubmit } from './025-import-submit.js';
import { Migration026ImportMembers } from './026-import-members.js';
import { Migration031DeathChanges } from './031-death-changes.js';
import { Migration032DossierPlans } from './032-dossier-plans.js';
import { Migration033ClaimsByValue } from './033-claims-by-value.js';
import { Migration034SamplePathEntry } from './034-sample-path-entry.js';
import { Migration035ImportLinkedRows } from './035-import-linked-rows.js';

export const migrationsList = [
  { name: '001-foundation', class: Migration001Foundation },
  { name: '002-programmes', class: Migration002Programmes },
  { name: '003-applications', class: Migration003Applications },
  { name: '004-notices', class: Migration004Notices },
  { name: '005-files', class: Migration005Files },
  { name: '006-list-indexes', class: Migration006ListIndexes },
  { name: '007-edge', class: Migration007Edge },
  { name: '008-roles-objections', class: Migration008RolesObjections },
  { name: '009-county-roles', class: Migration009CountyRoles },
  { name: '010-registers', class: Migration010Registers },
  { name: '011-unique-scopes', class: Migration011UniqueScopes },
  { name: '012-due-dates', class: Migration012DueDates },
  { name: '013-imports', class: Migration013Imports },
  { name: '014-ledgers', class: Migration014Ledgers },
  { name: '016-application-entry', class: Migration016ApplicationEntry },
  { name: '017-reports', class: Migration017Reports },
  { name: '018-quality', class: Migration018Quality },
  { name: '019-notice-contact', class: Migration019NoticeContact },
  { name: '020-notifications', class: Migration020Notifications },
  { name: '021-actor-cache', class: Migration021ActorCache },
  { name: '022-version-migration', class: Migration022VersionMigration },
  { name: '029-rollup-now', class: Migration029RollupNow },
  { name: '030-entry-write-refused', class: Migration030EntryWriteRefused },
  // Numbered when it was assigned, appended here because it arrived after 029 and 030.
  { name: '023-dossier-completeness', class: Migration023DossierCompleteness },
  { name: '025-import-submit', class: Migration025ImportSubmit },
  { name: '026-import-members', class: Migration026ImportMembers },
  { name: '031-death-changes', class: Migration031DeathChanges },
  { name: '032-dossier-plans', class: Migration032DossierPlans },
  { name: '033-claims-by-value', class: Migration033ClaimsByValue },
  { name: '034-sample-path-entry', class: Migration034SamplePathEntry },
  { name: '035-import-linked-rows', class: Migration035ImportLinkedRows },
];
