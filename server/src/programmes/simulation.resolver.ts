import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { GraphQLDateTime, GraphQLJSON } from 'graphql-scalars';
import type { Context } from '../core/context.js';
import { FieldProblemType } from '../core/field-problem.type.js';
import type { FieldProblem } from '../core/errors.js';
import { deleteSamplePath, listSamplePaths, runSamplePaths, saveSamplePath, simulate, type SamplePath } from './simulation.service.js';
import type { SimulatedStepResult } from '../workflow/simulate.js';

@InputType('SimulationStepInput')
export class SimulationStepInput {
  @Field(() => String, { description: 'An event of the state, its objection event, or `after:<delay>` to skip to a timer.' }) event!: string;
  @Field(() => String, { nullable: true, description: 'The role sending it (checked against the event\'s roles).' }) role?: string | null;
  @Field(() => GraphQLJSON, { nullable: true, description: 'Edits sent with the step, merged into the data.' }) data?: Record<string, unknown> | null;
}

const problems = (ps: FieldProblem[]) => ps.map((p) => Object.assign(new FieldProblemType(), p));

@ObjectType('SimulatedEffect', { description: 'A change the state would make to the linked register entry.' })
export class SimulatedEffectType {
  @Field(() => String, { description: 'set | copy | append | move | remove | create' }) op!: string;
  @Field(() => String) entryPointer!: string;
  @Field(() => String, { nullable: true }) formPointer?: string | null;
  @Field(() => GraphQLJSON, { nullable: true }) value?: unknown;
}

@ObjectType('SimulatedTimer')
export class SimulatedTimerType {
  @Field(() => String) delay!: string;
  @Field(() => String, { description: 'ISO-8601 duration.' }) duration!: string;
  @Field(() => String, { description: 'The step event that skips to it.' }) step!: string;
  @Field(() => String) target!: string;
}

@ObjectType('ComputedValue')
export class ComputedValueType {
  @Field(() => String) pointer!: string;
  @Field(() => GraphQLJSON, { nullable: true }) value?: unknown;
}

@ObjectType('SimulatedStep')
export class SimulatedStepType {
  @Field(() => Int) index!: number;
  @Field(() => String) event!: string;
  @Field(() => String, { nullable: true }) role?: string | null;
  @Field(() => String) from!: string;
  @Field(() => String) to!: string;
  @Field(() => String, { description: 'The status in `to`.' }) status!: string;
  @Field(() => String, { description: 'Title of `to` (Chinese).' }) title!: string;
  @Field(() => String) titleEn!: string;
  @Field(() => Boolean) accepted!: boolean;
  @Field(() => String, { nullable: true, description: 'GUARD_FAILED, DATA_INVALID, COMPUTE_REFUSED or RULE_BUDGET_EXCEEDED.' }) refusalCode?: string | null;
  @Field(() => String, { nullable: true }) refusal?: string | null;
  @Field(() => String, { nullable: true }) refusalZh?: string | null;
  @Field(() => [FieldProblemType]) problems!: FieldProblemType[];
  @Field(() => [ComputedValueType], { description: 'Computed fields this step changed.' }) computed!: ComputedValueType[];
  @Field(() => [SimulatedEffectType], { description: 'Register changes entering `to` would make.' }) effects!: SimulatedEffectType[];
  @Field(() => String, { nullable: true }) effectKind?: string | null;
  @Field(() => [SimulatedTimerType], { description: 'Timers entering `to` would start.' }) timers!: SimulatedTimerType[];
  @Field(() => String, { nullable: true, description: 'The due rule of `to`.' }) due?: string | null;

  static from(s: SimulatedStepResult): SimulatedStepType {
    return Object.assign(new SimulatedStepType(), {
      ...s, title: s.title.zh, titleEn: s.title.en, refusalCode: s.refusal?.code ?? null, refusal: s.refusal?.en ?? null, refusalZh: s.refusal?.zh ?? null,
      problems: problems(s.refusal?.problems ?? []), effectKind: s.effectKind ?? null, due: s.due ?? null,
      effects: s.effects.map((e) => ({ ...e, formPointer: e.formPointer ?? null })),
    });
  }
}

@ObjectType('SimulationResult', { description: 'A dry run of a workflow: nothing was written.' })
export class SimulationResultType {
  @Field(() => String) initialState!: string;
  @Field(() => String) finalState!: string;
  @Field(() => Boolean, { description: 'Whether every step was accepted (the run stops at the first refusal).' }) completed!: boolean;
  @Field(() => Boolean, { description: 'Whether the sample data was generated from the form.' }) generated!: boolean;
  @Field(() => Int, { nullable: true, description: 'The version simulated; null for a definition sent with the request.' }) versionNumber?: number | null;
  @Field(() => GraphQLJSON) data!: unknown;
  @Field(() => GraphQLJSON, { nullable: true, description: 'The household rule guards read as `$entry`: the one sent, or one generated from the linked register. Null when no guard reads it.' }) entry?: unknown;
  @Field(() => Boolean, { description: 'Whether `entry` was generated from the register\'s schema.' }) entryGenerated!: boolean;
  @Field(() => [FieldProblemType], { description: 'What the final data lacks under the form.' }) dataProblems!: FieldProblemType[];
  @Field(() => [SimulatedStepType]) steps!: SimulatedStepType[];
}

@ObjectType('SamplePath', { description: 'Sample data and steps a programme keeps as its own check, re-run on later drafts.' })
export class SamplePathType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => GraphQLJSON) data!: unknown;
  @Field(() => GraphQLJSON, { nullable: true, description: 'The household its guards read (`$entry`); null when none does.' }) entry?: unknown;
  @Field(() => GraphQLJSON, { description: '[{ event, role, data }]' }) steps!: unknown;
  @Field(() => String, { nullable: true }) expectState?: string | null;
  @Field(() => GraphQLDateTime) createdAt!: Date;

  static from(p: SamplePath): SamplePathType {
    return Object.assign(new SamplePathType(), p);
  }
}

@ObjectType('SamplePathRun')
export class SamplePathRunType {
  @Field(() => SamplePathType) path!: SamplePathType;
  @Field(() => Boolean) passed!: boolean;
  @Field(() => String, { nullable: true }) endState?: string | null;
  @Field(() => String, { nullable: true }) message?: string | null;
  @Field(() => String, { nullable: true }) messageZh?: string | null;
}

@Resolver()
export class SimulationResolver {
  @Query(() => SimulationResultType, { description: 'Runs a workflow step by step on sample data without writing anything: a programme\'s version (default its draft) or a definition sent here. Designers, county admins and admins.' })
  async simulateWorkflow(
    @Ctx() ctx: Context,
    @Arg('steps', () => [SimulationStepInput], { description: 'At most 50.' }) steps: SimulationStepInput[],
    @Arg('programme', () => String, { nullable: true }) programme?: string | null,
    @Arg('version', () => Int, { nullable: true }) version?: number | null,
    @Arg('formSchema', () => GraphQLJSON, { nullable: true }) formSchema?: unknown,
    @Arg('workflow', () => GraphQLJSON, { nullable: true }) workflow?: unknown,
    @Arg('data', () => GraphQLJSON, { nullable: true, description: 'Sample form data; generated from the form when absent.' }) data?: unknown,
    @Arg('entry', () => GraphQLJSON, { nullable: true, description: 'The household rule guards read as `$entry`; generated from the linked register\'s schema when absent.' }) entry?: unknown,
  ): Promise<SimulationResultType> {
    const r = await simulate(ctx, { programme, version, formSchema, workflow, data, entry, steps });
    return Object.assign(new SimulationResultType(), { ...r, dataProblems: problems(r.dataProblems), steps: r.steps.map(SimulatedStepType.from) });
  }

  @Query(() => [SamplePathType], { description: 'The programme\'s saved sample paths.' })
  async samplePaths(@Ctx() ctx: Context, @Arg('programme', () => String) programme: string): Promise<SamplePathType[]> {
    return (await listSamplePaths(ctx, programme)).map(SamplePathType.from);
  }

  @Query(() => [SamplePathRunType], { description: 'Re-runs every saved sample path on a version (default: the draft, else the current version).' })
  async runSamplePaths(@Ctx() ctx: Context, @Arg('programme', () => String) programme: string, @Arg('version', () => Int, { nullable: true }) version?: number | null): Promise<SamplePathRunType[]> {
    return (await runSamplePaths(ctx, programme, version)).map((r) => Object.assign(new SamplePathRunType(), { ...r, path: SamplePathType.from(r.path) }));
  }

  @Mutation(() => SamplePathType, { description: 'Saves (or replaces, by name) a sample path; it must run through on the draft (or current version) as written.' })
  async saveSamplePath(
    @Ctx() ctx: Context,
    @Arg('programme', () => String) programme: string,
    @Arg('name', () => String) name: string,
    @Arg('steps', () => [SimulationStepInput]) steps: SimulationStepInput[],
    @Arg('data', () => GraphQLJSON, { nullable: true }) data?: unknown,
    @Arg('expectState', () => String, { nullable: true }) expectState?: string | null,
    @Arg('entry', () => GraphQLJSON, { nullable: true, description: 'The household its guards read (`$entry`); generated from the register when absent.' }) entry?: unknown,
  ): Promise<SamplePathType> {
    return SamplePathType.from(await saveSamplePath(ctx, programme, { name, data, entry, steps, expectState }));
  }

  @Mutation(() => Boolean)
  async deleteSamplePath(@Ctx() ctx: Context, @Arg('programme', () => String) programme: string, @Arg('name', () => String) name: string): Promise<boolean> {
    return deleteSamplePath(ctx, programme, name);
  }
}
