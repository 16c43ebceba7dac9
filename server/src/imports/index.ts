/**
 * The import domain's pieces for the composition root: its resolver, its HTTP routes and its
 * background runner (one line each in resolvers.ts and runtime.ts). The runner is kept per
 * Services in a WeakMap, so core/ needs nothing from this folder.
 */
import type { Express } from 'express';
import type { Services } from '../core/services.js';
import { DiskFileStore } from '../files/file-store.js';
import { ImportRunner } from './import-runner.js';
import { importFiles } from './import-files.js';
import { importRoutes } from './import.routes.js';
import { ImportResolver } from './import.resolver.js';

export const importResolvers: Function[] = [ImportResolver];

const runners = new WeakMap<Services, ImportRunner>();

export function runnerOf(services: Services): ImportRunner {
  const r = runners.get(services);
  if (!r) throw new Error('imports are not started');
  return r;
}

export async function startImports(services: Services): Promise<{ routes(app: Express): void; stop(): Promise<void> }> {
  if (!services.timers) throw new Error('imports run on the timers’ pg-boss: start the timers first');
  const runner = await ImportRunner.start(services.timers.boss, services, importFiles(new DiskFileStore(services.config.uploadDir)), services.config.timers);
  runners.set(services, runner);
  return {
    routes: (app) => importRoutes(app, services, runner),
    stop: () => runner.stop(),
  };
}
