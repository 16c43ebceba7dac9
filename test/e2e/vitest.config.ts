import { defineConfig } from 'vitest/config';
import root, { e2e } from '../../vitest.config.js';

// The browser tests alone (`npx vitest run --config test/e2e/vitest.config.ts [file]`); `npm test`
// runs them beside the unit and integration tests (vitest.config.ts).
export default defineConfig({ oxc: root.oxc, resolve: root.resolve, test: { ...e2e, maxWorkers: 2 } });
