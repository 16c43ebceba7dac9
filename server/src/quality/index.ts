/**
 * The data-quality domain's pieces for the composition root: its resolver (resolvers.ts) and the
 * worker of scheduled runs (runtime.ts). Rules, findings and runs are plain SQL tables.
 */
import { QualityResolver } from './quality.resolver.js';

export const qualityResolvers: Function[] = [QualityResolver];
export { startQualitySchedules } from './schedule.js';
