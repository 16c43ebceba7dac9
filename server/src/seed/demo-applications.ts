import type { Services } from '../core/services.js';

/** Sample applications spread over the example programmes' states (filled in with the applications domain). */
export async function seedApplications(_services: Services): Promise<void> {}
