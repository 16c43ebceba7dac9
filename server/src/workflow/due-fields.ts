/**
 * A workflow's `meta.dueDate.field` must name a date field of the programme's own form: checked
 * when a definition is saved or published, where both halves are known (`checkWorkflow` sees the
 * workflow alone).
 */
import { parsePointer } from '../programmes/form-pointer.js';
import type { WorkflowProblem } from './definition.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** The sub-schema at a data pointer through `properties` (no arrays: one case has one due date). */
function schemaAt(schema: unknown, pointer: string): Rec | undefined {
  let node: unknown = schema;
  for (const segment of parsePointer(pointer)) {
    const props = isRecord(node) ? node.properties : undefined;
    if (!isRecord(props) || !Object.hasOwn(props, segment)) return undefined;
    node = props[segment];
  }
  return isRecord(node) ? node : undefined;
}

export function checkDueFields(formSchema: unknown, workflow: unknown): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  const states = isRecord(workflow) && isRecord(workflow.states) ? workflow.states : {};
  for (const [state, raw] of Object.entries(states)) {
    const due = isRecord(raw) && isRecord(raw.meta) && isRecord(raw.meta.dueDate) ? raw.meta.dueDate : undefined;
    if (typeof due?.field !== 'string') continue;
    const field = schemaAt(formSchema, due.field);
    const path = `/states/${esc(state)}/meta/dueDate/field`;
    if (!field) {
      problems.push({ code: 'INVALID_DUE', state, path, message: `State "${state}": meta.dueDate.field "${due.field}" is not a field of the form` });
    } else if (field.type !== 'string' || (field.format !== 'date' && field.format !== 'date-time')) {
      problems.push({ code: 'INVALID_DUE', state, path, message: `State "${state}": meta.dueDate.field "${due.field}" must be a date field (type "string", format "date" or "date-time")` });
    }
  }
  return problems;
}
