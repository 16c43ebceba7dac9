/**
 * The example registers shipped in schemas/registers/: `<key>.json` holds the names, the
 * definition (exactly the RegisterDefinitionInput of saveRegisterDraft) and an example entry.
 * They are published through the same create → save draft → publish path the API uses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../core/paths.js';
import type { Context } from '../core/context.js';
import type { RegisterDefinitionInput } from './register-definition.js';
import { createRegister, publishRegister, saveRegisterDraft } from './register.service.js';

export interface ExampleRegister {
  key: string;
  name: { zh: string; en: string };
  description?: { zh: string; en: string };
  definition: RegisterDefinitionInput;
  example?: Record<string, unknown>;
}

export const EXAMPLE_REGISTER_KEYS = ['household'] as const;

export function loadRegisterExample(key: string): ExampleRegister {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'registers', `${key}.json`), 'utf8')) as ExampleRegister;
}

export async function publishRegisterExample(ctx: Context, regionCode: string, ex: ExampleRegister): Promise<void> {
  await createRegister(ctx, { key: ex.key, name: ex.name.zh, nameEn: ex.name.en, regionCode, description: ex.description?.zh ?? null });
  await saveRegisterDraft(ctx, ex.key, ex.definition);
  await publishRegister(ctx, ex.key);
}
