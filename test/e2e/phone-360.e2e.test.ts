// Every page at 360 × 740 (test/e2e/phone-pages.ts).
import { phoneSuite } from './phone-pages.js';

phoneSuite({ width: 360, height: 740 });
