/** Resolvers of the workflow-facing domains, registered in one list. */
import { ProgrammeFilingResolver, ProgrammeResolver } from './programmes/programme.resolver.js';
import { WorkflowResolver } from './workflow/workflow.resolver.js';
import { ApplicationResolver } from './applications/application.resolver.js';
import { StatsResolver } from './reports/stats.resolver.js';
import { ReportResolver } from './reports/report.resolver.js';
import { noticeResolvers } from './notices/notice.resolver.js';
import { registerResolvers } from './registers/index.js';
import { BulkResolver } from './applications/bulk.resolver.js';
import { exportResolvers } from './exports/index.js';
import { importResolvers } from './imports/index.js';
import { VersionDiffResolver } from './programmes/version-diff.resolver.js';
import { SimulationResolver } from './programmes/simulation.resolver.js';
import { VersionMigrationResolver } from './applications/version-migration.resolver.js';
import { qualityResolvers } from './quality/index.js';
import { notificationResolvers } from './notifications/index.js';
import { StatusLookupResolver } from './applications/status-lookup.resolver.js';
import { NoticeContactResolver, ProgrammeNoticeContactResolver } from './notices/notice-contact.resolver.js';

export const domainResolvers: Function[] = [ProgrammeResolver, WorkflowResolver, ApplicationResolver, StatsResolver, ReportResolver, ...noticeResolvers, ...registerResolvers, BulkResolver, ...exportResolvers, ...importResolvers, VersionDiffResolver, VersionMigrationResolver, SimulationResolver, ...qualityResolvers, ...notificationResolvers, ProgrammeFilingResolver, StatusLookupResolver, NoticeContactResolver, ProgrammeNoticeContactResolver];
