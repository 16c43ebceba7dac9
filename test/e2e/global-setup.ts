// Builds the web client (and the server) when dist/ is missing or older than the sources, so
// the in-process server has a current dist/client to serve.
import { buildIfStale } from '../../scripts/build-if-stale.mjs';

export default function setup() {
  buildIfStale();
}
