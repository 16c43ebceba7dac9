/**
 * Every form the project ships (example programmes, registers, docs/examples, forms written in the
 * docs), for the builder's round-trip test. Node only (reads files); not part of the client bundle.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ShippedForm {
  name: string;
  schema: unknown;
  uiSchema?: unknown;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const read = (p: string) => JSON.parse(fs.readFileSync(path.join(ROOT, p), 'utf8'));
const jsonFiles = (dir: string) => fs.readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith('.json')).sort();

/** A name for a form written in the docs that survives text moving around it: its fields and a hash of its JSON. */
function fingerprint(schema: unknown): string {
  const json = JSON.stringify(schema);
  let h = 5381;
  for (let i = 0; i < json.length; i++) h = ((h * 33) ^ json.charCodeAt(i)) >>> 0;
  const props = (schema as { properties?: object }).properties ?? {};
  return `${Object.keys(props).join(',')}@${h.toString(16)}`;
}

export function shippedForms(): ShippedForm[] {
  const out: ShippedForm[] = [];
  for (const f of jsonFiles('schemas')) {
    const j = read(`schemas/${f}`);
    out.push({ name: `schemas/${f}`, schema: j.formSchema, uiSchema: j.uiSchema });
  }
  for (const f of jsonFiles('schemas/registers')) {
    const j = read(`schemas/registers/${f}`);
    out.push({ name: `schemas/registers/${f}`, schema: j.definition.schema, uiSchema: j.definition.uiSchema });
  }
  for (const f of jsonFiles('docs/examples').filter((n) => n.endsWith('.form.json'))) {
    const j = read(`docs/examples/${f}`);
    out.push({ name: `docs/examples/${f}`, schema: j.formSchema, uiSchema: j.uiSchema });
  }
  // Forms written in the docs: a fenced JSON block whose root is an object form (or holds one).
  for (const f of fs.readdirSync(path.join(ROOT, 'docs')).filter((n) => n.endsWith('.md')).sort()) {
    const text = fs.readFileSync(path.join(ROOT, 'docs', f), 'utf8');
    const re = /```json[^\n]*\n([\s\S]*?)```/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      let j: Record<string, unknown>;
      try {
        j = JSON.parse(m[1]);
      } catch {
        continue;
      }
      if (j && j.type === 'object' && typeof j.properties === 'object' && !('states' in j)) {
        out.push({ name: `docs/${f}#${fingerprint(j)}`, schema: j });
      } else if (j && typeof j.formSchema === 'object') {
        out.push({ name: `docs/${f}#${fingerprint(j.formSchema)}`, schema: j.formSchema, uiSchema: j.uiSchema });
      }
    }
  }
  return out;
}
