import type { Express } from 'express';
import type { Services } from './core/services.js';

/** Long-lived parts of the domains (timers, upload routes) started after migrations. */
export interface DomainRuntime {
  routes(app: Express): void;
  stop(): Promise<void>;
}

export async function startDomain(_services: Services): Promise<DomainRuntime> {
  return { routes() {}, async stop() {} };
}
