/**
 * What a programme's workflow allows spreadsheet imports to do, as data in its `meta.import`:
 * `{ "submit": true }` lets an importer submit every imported case in the same operation (each
 * still goes through the normal SUBMIT transition). Without it imported cases stay drafts.
 */
const KEYS = ['submit'];

export interface ImportOptions {
  submit: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The options a published workflow's meta declares (defaults when it declares none). */
export function importOptionsOf(workflowMeta: unknown): ImportOptions {
  const raw = isRecord(workflowMeta) ? workflowMeta.import : undefined;
  return { submit: isRecord(raw) && raw.submit === true };
}

/** The static check's problems with `meta.import` (English, one per mistake). */
export function checkImportOptions(raw: unknown): { en: string; zh: string; path: string }[] {
  if (raw === undefined) return [];
  if (!isRecord(raw)) return [{ en: 'meta.import must be an object such as { "submit": true }', zh: 'meta.import 须为对象，例如 { "submit": true }', path: '/meta/import' }];
  const out: { en: string; zh: string; path: string }[] = [];
  for (const k of Object.keys(raw)) {
    if (!KEYS.includes(k)) out.push({ en: `meta.import: unknown key "${k}" (known: ${KEYS.join(', ')})`, zh: `meta.import 中有未知的键“${k}”`, path: `/meta/import/${k}` });
  }
  if (raw.submit !== undefined && typeof raw.submit !== 'boolean') out.push({ en: 'meta.import.submit must be true or false', zh: 'meta.import.submit 须为 true 或 false', path: '/meta/import/submit' });
  return out;
}
