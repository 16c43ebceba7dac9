import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import { RegionType } from '../regions/region.type.js';
import { ProgrammeType, ProgrammeVersionType } from '../programmes/programme.type.js';
import { WorkflowDiagramType } from '../workflow/workflow.type.js';
import {
  ActionType, ApplicationConnectionType, ApplicationFilterInput, ApplicationType, BlockedActionType, HistoryEntryType, OpenReviewType, QuorumType, TaskFilterInput, TaskOrder,
} from './application.type.js';
import { quorumProgress } from './quorum.js';
import {
  availableActions, blockedActions, createApplication, loadApplication, saveApplication, submitApplication, transitionApplication,
} from './application.service.js';
import { eventTitle } from './event-title.js';
import { cursorOf, listApplications, myTasks, type ListOrder, type Page } from './application.queries.js';

function connection(page: Page, order: ListOrder = 'NEWEST'): ApplicationConnectionType {
  const cursor = cursorOf(order);
  return Object.assign(new ApplicationConnectionType(), {
    edges: page.items.map((a) => ({ cursor: cursor(a), node: ApplicationType.from(a) })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    count: page.count,
  });
}

@Resolver(() => ApplicationType)
export class ApplicationResolver {
  @Query(() => ApplicationType, { description: 'One application; NOT_FOUND outside your regions.' })
  async application(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<ApplicationType> {
    return ApplicationType.from((await loadApplication(ctx, id)).app);
  }

  @Query(() => ApplicationConnectionType)
  async applications(
    @Ctx() ctx: Context,
    @Arg('filter', () => ApplicationFilterInput, { nullable: true }) filter?: ApplicationFilterInput,
    @Arg('first', () => Int, { defaultValue: 20 }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ApplicationConnectionType> {
    return connection(await listApplications(ctx, filter ?? {}, first, after));
  }

  @Query(() => ApplicationConnectionType, { description: 'Applications where you can act now.' })
  async myTasks(
    @Ctx() ctx: Context,
    @Arg('filter', () => TaskFilterInput, { nullable: true }) filter?: TaskFilterInput,
    @Arg('first', () => Int, { defaultValue: 20 }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('orderBy', () => TaskOrder, { defaultValue: TaskOrder.NEWEST }) orderBy?: TaskOrder,
  ): Promise<ApplicationConnectionType> {
    const order = orderBy ?? TaskOrder.NEWEST;
    return connection(await myTasks(ctx, filter ?? {}, first, after, order), order);
  }

  @Mutation(() => ApplicationType)
  async createApplication(
    @Ctx() ctx: Context,
    @Arg('programmeKey', () => String) programmeKey: string,
    @Arg('regionCode', () => String) regionCode: string,
    @Arg('data', () => GraphQLJSON, { nullable: true }) data?: unknown,
    @Arg('idempotencyKey', () => String, {
      nullable: true,
      description: '1–100 characters, unique per user: a retry with the same key returns the application the first call created instead of a second one.',
    }) idempotencyKey?: string,
    @Arg('entryId', () => ID, {
      nullable: true,
      description: 'The register entry (household) the case is about, when the programme names a register; its fields prefill the form.',
    }) entryId?: string,
  ): Promise<ApplicationType> {
    return ApplicationType.from(await createApplication(ctx, programmeKey, regionCode, data ?? {}, { idempotencyKey, entryId }));
  }

  @Mutation(() => ApplicationType)
  async saveApplication(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('data', () => GraphQLJSON) data: unknown,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
  ): Promise<ApplicationType> {
    return ApplicationType.from(await saveApplication(ctx, id, data, expectedVersion));
  }

  @Mutation(() => ApplicationType)
  async submitApplication(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int) expectedVersion: number): Promise<ApplicationType> {
    return ApplicationType.from(await submitApplication(ctx, id, expectedVersion));
  }

  @Mutation(() => ApplicationType)
  async transitionApplication(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('event', () => String) event: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('comment', () => String, { nullable: true }) comment?: string,
    @Arg('data', () => GraphQLJSON, { nullable: true, description: 'Fields this state may edit, merged into the data.' }) data?: unknown,
  ): Promise<ApplicationType> {
    return ApplicationType.from(await transitionApplication(ctx, id, { event, comment, data, expectedVersion }));
  }

  @FieldResolver(() => ProgrammeType)
  async programme(@Root() a: ApplicationType, @Ctx() ctx: Context): Promise<ProgrammeType> {
    return ProgrammeType.from((await ctx.loaders.programme.load(a.entity.programmeId))!);
  }

  @FieldResolver(() => ProgrammeVersionType, { description: 'The version this application is pinned to.' })
  async programmeVersion(@Root() a: ApplicationType, @Ctx() ctx: Context): Promise<ProgrammeVersionType> {
    return ProgrammeVersionType.from((await ctx.loaders.version.load(a.entity.versionId))!);
  }

  @FieldResolver(() => RegionType)
  async region(@Root() a: ApplicationType, @Ctx() ctx: Context): Promise<RegionType> {
    return RegionType.from((await ctx.loaders.region.load(a.regionCode))!);
  }

  @FieldResolver(() => String)
  async stateTitle(@Root() a: ApplicationType, @Ctx() ctx: Context): Promise<string> {
    return (await ctx.loaders.pinned.load(a.entity.versionId)).workflow.stateInfo(a.state).title.zh;
  }

  @FieldResolver(() => String)
  async stateTitleEn(@Root() a: ApplicationType, @Ctx() ctx: Context): Promise<string> {
    return (await ctx.loaders.pinned.load(a.entity.versionId)).workflow.stateInfo(a.state).title.en;
  }

  @FieldResolver(() => String, { description: 'draft | task | notice | final' })
  async stateKind(@Root() a: ApplicationType, @Ctx() ctx: Context): Promise<string> {
    return (await ctx.loaders.pinned.load(a.entity.versionId)).workflow.stateInfo(a.state).kind;
  }

  @FieldResolver(() => [String], { description: 'JSON pointers the current state lets reviewers edit.' })
  async editableFields(@Root() a: ApplicationType, @Ctx() ctx: Context): Promise<string[]> {
    return (await ctx.loaders.pinned.load(a.entity.versionId)).workflow.stateInfo(a.state).editable;
  }

  @FieldResolver(() => Boolean, { description: 'True when dueAt has passed and the case is not finished.' })
  overdue(@Root() a: ApplicationType, @Ctx() ctx: Context): boolean {
    const active = a.status === 'DRAFT' || a.status === 'IN_REVIEW' || a.status === 'UNDER_NOTICE';
    return active && !!a.dueAt && a.dueAt.getTime() < ctx.services.clock().getTime();
  }

  @FieldResolver(() => OpenReviewType, { nullable: true, description: 'The recurring review waiting for an answer in the current state, if any.' })
  async openReview(@Root() a: ApplicationType, @Ctx() ctx: Context): Promise<OpenReviewType | null> {
    if (!a.entity.reviewOpen) return null;
    const review = (await ctx.loaders.pinned.load(a.entity.versionId)).workflow.stateInfo(a.state).review;
    if (!review) return null;
    return Object.assign(new OpenReviewType(), { occurrence: a.entity.reviewOccurrence, title: review.title.zh, titleEn: review.title.en, events: review.events });
  }

  @FieldResolver(() => [ActionType], { description: 'Exactly the events you may send now.' })
  async availableActions(@Root() a: ApplicationType, @Ctx() ctx: Context): Promise<ActionType[]> {
    const actor = requireActor(ctx);
    return (await availableActions(ctx, actor, a.entity, await ctx.loaders.pinned.load(a.entity.versionId))).map(ActionType.from);
  }

  @FieldResolver(() => [BlockedActionType], {
    description: 'Actions of availableActions that a guard refuses on the current data, with the reason. They stay in availableActions: edits sent with the transition may make the guard hold.',
  })
  async blockedActions(@Root() a: ApplicationType, @Ctx() ctx: Context): Promise<BlockedActionType[]> {
    const actor = requireActor(ctx);
    const blocked = await blockedActions(ctx, actor, a.entity, await ctx.loaders.pinned.load(a.entity.versionId));
    return blocked.map((b) => Object.assign(new BlockedActionType(), { event: b.event.event, reason: b.reason.zh, reasonEn: b.reason.en, paths: b.paths }));
  }

  @FieldResolver(() => QuorumType, { nullable: true, description: 'The current state\'s quorum, when one of its events needs several people: who has voted so far.' })
  async quorum(@Root() a: ApplicationType, @Ctx() ctx: Context): Promise<QuorumType | null> {
    const pinned = await ctx.loaders.pinned.load(a.entity.versionId);
    const [q] = await quorumProgress(ctx, a.entity, pinned);
    if (!q) return null;
    const title = pinned.workflow.events(a.state).find((e) => e.event === q.event)?.title ?? { zh: q.event, en: q.event };
    return QuorumType.from(q, title);
  }

  @FieldResolver(() => [HistoryEntryType])
  async history(@Root() a: ApplicationType, @Ctx() ctx: Context): Promise<HistoryEntryType[]> {
    const wf = (await ctx.loaders.pinned.load(a.entity.versionId)).workflow;
    const title = (s: string) => { try { return wf.stateInfo(s).title.zh; } catch { return null; } };
    return (await ctx.loaders.history.load(a.id)).map((e) => HistoryEntryType.from(e, title, eventTitle(wf, e.event, e.fromState)));
  }

  @FieldResolver(() => WorkflowDiagramType)
  async diagram(@Root() a: ApplicationType, @Ctx() ctx: Context): Promise<WorkflowDiagramType> {
    return WorkflowDiagramType.from((await ctx.loaders.pinned.load(a.entity.versionId)).workflow.diagram());
  }
}
