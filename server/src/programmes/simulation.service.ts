/**
 * The designer's workflow simulator (docs/designer.md, "Simulation") and the programme's saved
 * sample paths: sample data and steps kept as data (table programme_sample_path, migration 022)
 * and re-run on every later draft, so a change that breaks a path the county relies on shows
 * before it is published. Nothing here writes a case, an event, a timer or a register entry.
 */
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import { badInput, DomainError, notFound } from '../core/errors.js';
import { compileWorkflow, type CompiledWorkflow } from '../workflow/engine.js';
import { registerLinkOf } from '../workflow/effects.js';
import { execOf } from '../registers/sql.js';
import { simulateWorkflow, type SimulationResult, type SimulationStep } from '../workflow/simulate.js';
import { compileForm, type CompiledForm } from './form-schema.js';
import { formOf, workflowOf } from './compiled.js';
import { sampleData } from './form-sample.js';
import { authorizeDesign, authorizeDesignTools } from './programme.policy.js';
import { currentVersion, draftVersion, getProgramme, MAX_DEFINITION_BYTES, roleCatalogueAt } from './programme.service.js';
import type { Programme } from './programme.entity.js';

export interface SimulationInput {
  /** A programme's version (`version` number; default its draft, else its current version)… */
  programme?: string | null;
  version?: number | null;
  /** …or a definition being edited, not saved yet. */
  formSchema?: unknown;
  workflow?: unknown;
  /** Sample form data; generated from the form when absent. */
  data?: unknown;
  /** The household rule guards read as `$entry`; generated from the linked register when absent. */
  entry?: unknown;
  steps: SimulationStep[];
}

export interface Simulated extends SimulationResult {
  /** Whether the sample data was generated from the schema. */
  generated: boolean;
  versionNumber: number | null;
  /** The household the guards read (null when no guard reads one, or the register has no published version). */
  entry: Record<string, unknown> | null;
  /** Whether that household was generated from the register's schema. */
  entryGenerated: boolean;
}

const tooLarge = (name: string) => {
  const kb = MAX_DEFINITION_BYTES / 1024;
  return badInput({ en: `The ${name} is larger than ${kb} KB`, zh: `${name} 超过 ${kb} KB 上限` }, [{ path: `/${name}`, message: `超过 ${kb} KB 上限`, messageEn: `larger than ${kb} KB` }]);
};

const isRec = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The workflow and form a simulation runs: a stored version, or the definition sent. */
async function definitionOf(ctx: Context, input: SimulationInput): Promise<{ wf: CompiledWorkflow; form: CompiledForm; formSchema: unknown; versionNumber: number | null }> {
  let programme: Programme | undefined;
  if (input.programme) programme = await getProgramme(ctx.em, input.programme);
  if (input.workflow !== undefined && input.workflow !== null) {
    if (input.formSchema === undefined || input.formSchema === null) {
      throw badInput({ en: 'Send the form schema with the workflow', zh: '请同时提供表单定义' }, [{ path: '/formSchema', message: '缺少表单定义', messageEn: 'missing' }]);
    }
    for (const [name, value] of [['workflow', input.workflow], ['formSchema', input.formSchema]] as const) {
      if (JSON.stringify(value).length > MAX_DEFINITION_BYTES) throw tooLarge(name);
    }
    const roles = await roleCatalogueAt(ctx.em, programme?.regionPath ?? '');
    return { wf: compileWorkflow(input.workflow, roles), form: compileForm(input.formSchema), formSchema: input.formSchema, versionNumber: null };
  }
  if (!programme) throw badInput({ en: 'Name a programme (and version) or send a definition', zh: '请指定项目（及版本）或提供流程定义' }, [{ path: '/programme', message: '缺少项目', messageEn: 'missing' }]);
  const v = input.version != null
    ? programme.versions.getItems().find((x) => x.number === input.version)
    : draftVersion(programme) ?? currentVersion(programme);
  if (!v) throw notFound({ en: `Version of programme ${programme.key}`, zh: `项目 ${programme.key} 的版本` }, String(input.version ?? ''));
  return { wf: workflowOf(v), form: formOf(v), formSchema: v.formSchema, versionNumber: v.number };
}

/** Sample data sent with a simulation: an object of bounded size, or nothing. */
function checkSample(value: unknown, name: 'data' | 'entry'): value is Record<string, unknown> {
  if (value === undefined || value === null) return false;
  if (!isRec(value)) {
    const what = name === 'data' ? { en: 'The sample data', zh: '示例数据' } : { en: 'The sample household', zh: '示例本户档案' };
    throw badInput({ en: `${what.en} must be an object`, zh: `${what.zh}须为对象` }, [{ path: `/${name}`, message: '须为对象', messageEn: 'must be an object' }]);
  }
  if (JSON.stringify(value).length > MAX_DEFINITION_BYTES) throw tooLarge(name);
  return true;
}

/**
 * The household a workflow's rule guards read as `$entry`: the one sent, else a sample generated
 * from the linked register's published schema (as sample form data is from the form), so a rule
 * on the household's status can be tried before any household exists. None when no guard reads it.
 */
async function entryOf(ctx: Context, wf: CompiledWorkflow, sent: unknown): Promise<Pick<Simulated, 'entry' | 'entryGenerated'>> {
  const given = checkSample(sent, 'entry');
  if (!wf.readsEntry) return { entry: null, entryGenerated: false };
  if (given) return { entry: sent, entryGenerated: false };
  const link = registerLinkOf(wf.definition.meta);
  const { rows } = link
    ? await execOf(ctx.em)(`select v.schema from register r join register_version v on v.register_id = r.id and v.status = 'published' where r.key = $1`, [link.key])
    : { rows: [] };
  return rows[0] ? { entry: sampleData(rows[0].schema), entryGenerated: true } : { entry: null, entryGenerated: false };
}

export async function simulate(ctx: Context, input: SimulationInput): Promise<Simulated> {
  authorizeDesignTools(requireActor(ctx));
  const { wf, form, formSchema, versionNumber } = await definitionOf(ctx, input);
  const given = checkSample(input.data, 'data');
  const sample = given ? input.data as Record<string, unknown> : sampleData(formSchema);
  const { entry, entryGenerated } = await entryOf(ctx, wf, input.entry);
  return { ...simulateWorkflow(wf, form, sample, input.steps, entry), generated: !given, versionNumber, entry, entryGenerated };
}

// ---------------------------------------------------------------------------------------------
// Saved sample paths

export const MAX_SAMPLE_PATHS = 50;
const NAME = /^.{1,100}$/u;

export interface SamplePath {
  id: string;
  name: string;
  data: Record<string, unknown>;
  /** The household its guards read (`$entry`), null when none does. */
  entry: Record<string, unknown> | null;
  steps: SimulationStep[];
  expectState: string | null;
  createdAt: Date;
}

export interface SamplePathRun {
  path: SamplePath;
  passed: boolean;
  endState: string | null;
  /** Why it did not pass, in both languages. */
  message: string | null;
  messageZh: string | null;
}

const samplePathOf = (r: any): SamplePath => ({ id: r.id, name: r.name, data: r.data, entry: r.entry ?? null, steps: r.steps, expectState: r.expect_state, createdAt: new Date(r.created_at) });

export async function listSamplePaths(ctx: Context, key: string): Promise<SamplePath[]> {
  authorizeDesignTools(requireActor(ctx));
  const programme = await getProgramme(ctx.em, key);
  const rows = await ctx.em.getConnection().execute<any[]>(
    'select id, name, data, entry, steps, expect_state, created_at from programme_sample_path where programme_id = ? order by name limit ?',
    [programme.id, MAX_SAMPLE_PATHS],
  );
  return rows.map(samplePathOf);
}

/**
 * Saves (or replaces, by name) a sample path. It must run on the programme's draft — or current
 * version — as written, every step accepted; the state it ends in is what later drafts must reach
 * unless `expectState` names another.
 */
export async function saveSamplePath(ctx: Context, key: string, input: { name: string; data?: unknown; entry?: unknown; steps: SimulationStep[]; expectState?: string | null }): Promise<SamplePath> {
  const actor = requireActor(ctx);
  const programme = await getProgramme(ctx.em, key);
  authorizeDesign(actor, programme.regionPath, key);
  const name = input.name?.trim() ?? '';
  if (!NAME.test(name)) throw badInput({ en: 'A sample path needs a name of 1–100 characters', zh: '示例路径名称须为 1–100 个字符' }, [{ path: '/name', message: '须为 1–100 个字符', messageEn: '1–100 characters' }]);
  const run = await simulate(ctx, { programme: key, data: input.data, entry: input.entry, steps: input.steps });
  if (!run.completed) {
    const refused = run.steps[run.steps.length - 1]!;
    throw badInput({ en: `Step ${refused.index + 1} (${refused.event}) is refused: ${refused.refusal!.en}`, zh: `第 ${refused.index + 1} 步（${refused.event}）未通过：${refused.refusal!.zh}` },
      [{ path: `/steps/${refused.index}`, message: refused.refusal!.zh, messageEn: refused.refusal!.en }]);
  }
  const expectState = input.expectState ?? run.finalState;
  if (expectState !== run.finalState) {
    throw badInput({ en: `The path ends in "${run.finalState}", not "${expectState}"`, zh: `该路径结束于环节 ${run.finalState}，而非 ${expectState}` }, [{ path: '/expectState', message: `实际结束于 ${run.finalState}`, messageEn: `ends in ${run.finalState}` }]);
  }
  const conn = ctx.em.getConnection();
  const [{ count }] = await conn.execute<{ count: string }[]>('select count(*) from programme_sample_path where programme_id = ? and name <> ?', [programme.id, name]);
  if (Number(count) >= MAX_SAMPLE_PATHS) throw badInput({ en: `A programme keeps at most ${MAX_SAMPLE_PATHS} sample paths`, zh: `每个项目最多保存 ${MAX_SAMPLE_PATHS} 条示例路径` });
  const rows = await conn.execute<any[]>(
    `insert into programme_sample_path (id, programme_id, name, data, entry, steps, expect_state, created_by) values (?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?)
     on conflict (programme_id, name) do update set data = excluded.data, entry = excluded.entry, steps = excluded.steps, expect_state = excluded.expect_state, created_by = excluded.created_by, created_at = now()
     returning id, name, data, entry, steps, expect_state, created_at`,
    // The household as the run read it (generated or sent): later drafts run against the same one.
    [crypto.randomUUID(), programme.id, name, JSON.stringify(run.data), run.entry ? JSON.stringify(run.entry) : null, JSON.stringify(input.steps), expectState, actor.id],
  );
  return samplePathOf(rows[0]!);
}

export async function deleteSamplePath(ctx: Context, key: string, name: string): Promise<boolean> {
  const actor = requireActor(ctx);
  const programme = await getProgramme(ctx.em, key);
  authorizeDesign(actor, programme.regionPath, key);
  const n = await ctx.em.getConnection().execute('delete from programme_sample_path where programme_id = ? and name = ?', [programme.id, name], 'run');
  return (n as { affectedRows?: number }).affectedRows !== 0;
}

/** Re-runs every saved path on a version (default: the draft, else the current version). */
export async function runSamplePaths(ctx: Context, key: string, version?: number | null): Promise<SamplePathRun[]> {
  const paths = await listSamplePaths(ctx, key);
  const out: SamplePathRun[] = [];
  for (const path of paths) {
    try {
      const run = await simulate(ctx, { programme: key, version, data: path.data, entry: path.entry, steps: path.steps });
      const last = run.steps[run.steps.length - 1];
      if (!run.completed) out.push({ path, passed: false, endState: run.finalState, message: `step ${last!.index + 1} (${last!.event}) refused: ${last!.refusal!.en}`, messageZh: `第 ${last!.index + 1} 步（${last!.event}）未通过：${last!.refusal!.zh}` });
      else if (path.expectState && run.finalState !== path.expectState) out.push({ path, passed: false, endState: run.finalState, message: `ends in "${run.finalState}", expected "${path.expectState}"`, messageZh: `结束于 ${run.finalState}，应为 ${path.expectState}` });
      else out.push({ path, passed: true, endState: run.finalState, message: null, messageZh: null });
    } catch (e) {
      if (!(e instanceof DomainError) || e.code === 'FORBIDDEN' || e.code === 'NOT_FOUND') throw e;
      out.push({ path, passed: false, endState: null, message: e.message, messageZh: e.details.messageZh });
    }
  }
  return out;
}
