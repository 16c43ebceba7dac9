/**
 * What in a workflow the visual editor cannot show: each such part by its JSON pointer. The editor
 * writes only what its panels change, so these parts are kept exactly as written; the panel of the
 * state they belong to says they are edited in the JSON tab.
 */
import { noticeOf, dueOf, reviewOf } from './state-settings';
import { effectsOf, prefillOf } from './effects-model';
import { alternativesOf } from './guard-model';
import { metaOf, quorumOf, statesOf, type Json } from './workflow-edit';

const isRec = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

const STATE_KEYS = new Set(['type', 'meta', 'on', 'after']);
const STATE_META = new Set(['kind', 'title', 'roles', 'editable', 'objectionEvent', 'outcome', 'dueIn', 'dueDate', 'review', 'effects', 'effectKind']);
const TRANSITION_KEYS = new Set(['target', 'guard', 'meta']);
const TRANSITION_META = new Set(['title', 'roles', 'requiresComment']);
const MACHINE_META = new Set(['title', 'delays', 'register']);

/** Pointers (into the workflow) of every part the visual editor leaves to the JSON tab. */
export function unrepresented(wf: unknown): string[] {
  const out: string[] = [];
  if (!isRec(wf)) return out;
  if (isRec(wf.meta)) {
    for (const k of Object.keys(wf.meta)) if (!MACHINE_META.has(k)) out.push(`/meta/${esc(k)}`);
    const reg = wf.meta.register;
    if (isRec(reg)) for (const k of Object.keys(reg)) if (k !== 'key' && k !== 'link' && k !== 'statuses' && !(k === 'prefill' && prefillOf(wf) !== null)) out.push(`/meta/register/${esc(k)}`);
  }
  for (const [name, state] of Object.entries(statesOf(wf))) {
    const at = `/states/${esc(name)}`;
    for (const k of Object.keys(state)) if (!STATE_KEYS.has(k)) out.push(`${at}/${esc(k)}`);
    const meta = metaOf(state);
    for (const k of Object.keys(meta)) if (!STATE_META.has(k)) out.push(`${at}/meta/${esc(k)}`);
    if (dueOf(wf, name) === null) out.push(`${at}/meta/${meta.dueDate !== undefined ? 'dueDate' : 'dueIn'}`);
    if (reviewOf(wf, name) === 'json') out.push(`${at}/meta/review`);
    if (effectsOf(wf, name) === null) out.push(`${at}/meta/effects`);
    const timers = isRec(state.after) ? Object.keys(state.after) : [];
    if (timers.length && (meta.kind !== 'notice' || noticeOf(wf, name) === null)) out.push(`${at}/after`);
    const on = isRec(state.on) ? state.on : {};
    for (const [event, spec] of Object.entries(on)) {
      const eat = `${at}/on/${esc(event)}`;
      const list = Array.isArray(spec) ? spec : [spec];
      list.forEach((alt, i) => {
        if (!isRec(alt)) return;
        const aat = Array.isArray(spec) ? `${eat}/${i}` : eat;
        for (const k of Object.keys(alt)) if (!TRANSITION_KEYS.has(k)) out.push(`${aat}/${esc(k)}`);
        if (isRec(alt.meta)) for (const k of Object.keys(alt.meta)) if (!TRANSITION_META.has(k)) out.push(`${aat}/meta/${esc(k)}`);
      });
      if (quorumOf(wf, name, event) === null && alternativesOf(wf, name, event) === null) out.push(`${eat}${Array.isArray(spec) ? '' : '/guard'}`);
    }
  }
  return out;
}
