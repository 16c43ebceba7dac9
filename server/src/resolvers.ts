/** Resolvers of the workflow-facing domains, registered in one list. */
import { ProgrammeFilingResolver, ProgrammeResolver } from './programmes/programme.resolver.js';
import { WorkflowResolver } from './workflow/workflow.resolver.js';
import { ApplicationResolver } from './applications/application.resolver.js';
import { StatsResolver } from './reports/stats.resolver.js';
import { noticeResolvers } from './notices/notice.resolver.js';
import { registerResolvers } from './registers/index.js';
import { BulkResolver } from './applications/bulk.resolver.js';
import { exportResolvers } from './exports/index.js';
import { importResolvers } from './imports/index.js';
import { StatusLookupResolver } from './applications/status-lookup.resolver.js';
import { NoticeContactResolver } from './notices/notice-contact.resolver.js';

export const domainResolvers: Function[] = [ProgrammeResolver, ProgrammeFilingResolver, WorkflowResolver, ApplicationResolver, StatsResolver, ...noticeResolvers, ...registerResolvers, BulkResolver, ...exportResolvers, ...importResolvers, StatusLookupResolver, NoticeContactResolver];
