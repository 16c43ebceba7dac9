/** The household file (一户一档): its HTTP routes for the composition root. */
export { dossierRoutes } from './dossier.routes.js';
