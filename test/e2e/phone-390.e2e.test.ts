// Every page at 390 × 844 (test/e2e/phone-pages.ts), and a refused action's reason on the phone.
import { phoneSuite } from './phone-pages.js';

phoneSuite({ width: 390, height: 844 }, { refusal: true });
