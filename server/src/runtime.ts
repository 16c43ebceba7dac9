import type { Express } from 'express';
import type { Services } from './core/services.js';
import { TIMER_ACTOR, Timers } from './applications/timers.js';
import { systemTransition } from './applications/application.service.js';
import { openReviewOccurrence } from './applications/reviews.js';
import { fileRoutes } from './files/file.routes.js';
import { exportRoutes } from './exports/index.js';
import { dossierRoutes } from './dossiers/index.js';
import { reportRoutes } from './reports/report.routes.js';
import { startImports } from './imports/index.js';
import { startQualitySchedules } from './quality/index.js';
import { startNotifications } from './notifications/index.js';
import { boardCacheOf, listenForBoardChanges } from './notices/board-cache.js';

/** Long-lived parts of the domains (timers, upload routes) started after migrations. */
export interface DomainRuntime {
  routes(app: Express): void;
  stop(): Promise<void>;
}

export async function startDomain(services: Services, databaseUrl: string): Promise<DomainRuntime> {
  const { log, orm, config } = services;
  services.timers = await Timers.start(databaseUrl, log, {
    work: config.timers,
    expireInSeconds: config.timerExpireSeconds,
    maintenanceIntervalSeconds: config.timerMaintenanceSeconds,
    handler: async (job, jobId) => {
      if (job.occurrence !== undefined) {
        const opened = await openReviewOccurrence(orm.em.fork(), services, { ...job, occurrence: job.occurrence }, jobId);
        log.info({ applicationId: job.applicationId, state: job.state, occurrence: opened }, 'review due');
        return;
      }
      const app = await systemTransition(orm.em.fork(), services, job.applicationId, job.eventType, { name: TIMER_ACTOR, jobId }, { state: job.state, stateSeq: job.stateSeq });
      // Not moved: the case has moved on already, or an open objection pauses its notice.
      log.info({ applicationId: job.applicationId, state: job.state, moved: !!app, to: app?.state }, 'timer fired');
    },
  });
  const imports = await startImports(services);
  const quality = await startQualitySchedules(services);
  const notifications = await startNotifications(services);
  // On embedded PGlite too: its socket server passes the notifications on (core/embedded-socket.ts).
  const board = config.boardCacheMs > 0 ? await listenForBoardChanges(databaseUrl, boardCacheOf(services), log) : null;
  return {
    routes(app) {
      fileRoutes(app, services);
      exportRoutes(app, services);
      dossierRoutes(app, services);
      reportRoutes(app, services);
      imports.routes(app);
    },
    async stop() {
      await board?.stop();
      await notifications.stop();
      await imports.stop();
      await quality.stop();
      await services.timers?.stop();
    },
  };
}
