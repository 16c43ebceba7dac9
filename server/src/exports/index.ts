/** The export domain's pieces for the composition root: its resolvers and its HTTP routes. */
import { LedgerResolver } from './ledger.resolver.js';

export const exportResolvers: Function[] = [LedgerResolver];
export { exportRoutes } from './export.routes.js';
