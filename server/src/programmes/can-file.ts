/**
 * Whether the signed-in user may file applications of a programme somewhere: a grant of a role
 * the workflow's first (draft) step names, inside or above the programme's county. The client
 * offers 新建申请 and lists programmes only on this (a finance officer is not offered the form);
 * createApplication still checks the village itself.
 */
import type { Actor } from '../core/actor.js';
import type { ProgrammeVersion } from './programme-version.entity.js';
import { workflowOf } from './compiled.js';

export function canFile(actor: Actor | undefined, programme: { regionPath: string; status: string }, version: ProgrammeVersion | undefined): boolean {
  if (!actor || !version || programme.status === 'retired') return false;
  const wf = workflowOf(version);
  const roles = wf.stateInfo(wf.initialState().state).roles;
  return actor.grants.some(
    (g) =>
      (!roles.length || roles.includes(g.role)) &&
      (g.regionPath.startsWith(programme.regionPath) || programme.regionPath.startsWith(g.regionPath)) &&
      (!g.rolePath || g.regionPath.startsWith(g.rolePath)),
  );
}
