/**
 * The example programmes shipped in schemas/ and workflows/: `schemas/<key>.json` holds the names,
 * form schema and uiSchema, `workflows/<key>.json` the workflow. They are loaded on first start
 * through the same create → save draft → publish path the API uses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../core/paths.js';
import type { Context } from '../core/context.js';
import { createProgramme, publish, saveDraft } from './programme.service.js';

export interface ExampleProgramme {
  key: string;
  name: { zh: string; en: string };
  description?: { zh: string; en: string };
  owner?: string;
  formSchema: Record<string, unknown>;
  uiSchema?: Record<string, unknown>;
  example?: Record<string, unknown>;
  workflow: Record<string, unknown>;
}

export const EXAMPLE_KEYS = ['identification', 'yulu', 'monitoring', 'housing', 'dibao', 'household_change', 'household_reduce', 'exit'] as const;

export function loadExample(key: string): ExampleProgramme {
  const form = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', `${key}.json`), 'utf8'));
  const workflow = JSON.parse(fs.readFileSync(path.join(ROOT, 'workflows', `${key}.json`), 'utf8'));
  return { ...form, key, workflow };
}

export async function publishExample(ctx: Context, regionCode: string, ex: ExampleProgramme): Promise<void> {
  await createProgramme(ctx, { key: ex.key, name: ex.name.zh, nameEn: ex.name.en, regionCode, description: ex.description?.zh ?? null });
  await saveDraft(ctx, ex.key, { formSchema: ex.formSchema, uiSchema: ex.uiSchema ?? null, workflow: ex.workflow });
  await publish(ctx, ex.key);
}
