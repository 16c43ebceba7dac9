/**
 * Compiled validators and workflows, once per programme version. A published version never
 * changes, so its id is a perfect cache key; drafts are keyed by id + save time.
 */
import { getCompiledForm, type CompiledForm } from './form-schema.js';
import { compileWorkflow, type CompiledWorkflow } from '../workflow/engine.js';
import type { ProgrammeVersion } from './programme-version.entity.js';

const workflows = new Map<string, CompiledWorkflow>();
const MAX = 500;

function cacheKey(v: ProgrammeVersion): string {
  return v.status === 'draft' ? `${v.id}@${v.createdAt.getTime()}` : v.id;
}

export function formOf(v: ProgrammeVersion): CompiledForm {
  return getCompiledForm(cacheKey(v), v.formSchema);
}

export function workflowOf(v: ProgrammeVersion): CompiledWorkflow {
  const key = cacheKey(v);
  let wf = workflows.get(key);
  if (!wf) {
    wf = compileWorkflow(v.workflow);
    if (workflows.size >= MAX) workflows.delete(workflows.keys().next().value!);
    workflows.set(key, wf);
  }
  return wf;
}
