// `npm start`: build what is not built, then run the server (migrations and demo seed on start).
import { buildIfStale } from './build-if-stale.mjs';

buildIfStale();
await import('../dist/server/main.js');
