/**
 * Every workflow the project ships (example programmes, docs/examples, workflows written in the
 * docs), for the flow editor's round-trip test. Node only (reads files); not part of the client bundle.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ShippedWorkflow {
  name: string;
  workflow: Record<string, unknown>;
  formSchema?: unknown;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const read = (p: string) => JSON.parse(fs.readFileSync(path.join(ROOT, p), 'utf8'));

export function shippedWorkflows(): ShippedWorkflow[] {
  const out: ShippedWorkflow[] = [];
  for (const f of fs.readdirSync(path.join(ROOT, 'workflows')).filter((n) => n.endsWith('.json')).sort()) {
    const form = fs.existsSync(path.join(ROOT, 'schemas', f)) ? read(`schemas/${f}`).formSchema : undefined;
    out.push({ name: `workflows/${f}`, workflow: read(`workflows/${f}`), formSchema: form });
  }
  for (const f of fs.readdirSync(path.join(ROOT, 'docs/examples')).filter((n) => n.endsWith('.workflow.json')).sort()) {
    const j = read(`docs/examples/${f}`);
    out.push({ name: `docs/examples/${f}`, workflow: j.workflow ?? j });
  }
  // Workflows written in the docs: a fenced JSON block with `states` (or a `workflow` holding them).
  for (const f of fs.readdirSync(path.join(ROOT, 'docs')).filter((n) => n.endsWith('.md')).sort()) {
    const text = fs.readFileSync(path.join(ROOT, 'docs', f), 'utf8');
    const re = /```json[^\n]*\n([\s\S]*?)```/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      let j: Record<string, unknown>;
      try {
        j = JSON.parse(m[1]!);
      } catch {
        continue;
      }
      const wf = j && typeof j.states === 'object' ? j : j && typeof j.workflow === 'object' && j.workflow && 'states' in (j.workflow as object) ? (j.workflow as Record<string, unknown>) : null;
      if (wf) out.push({ name: `docs/${f}#${String(wf.id)}`, workflow: wf });
    }
  }
  return out;
}
