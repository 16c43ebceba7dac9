import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import { execOf } from '../registers/sql.js';
import { cancelImport, commitImport, importProblems, listImports, loadImport } from './import.service.js';
import { ImportCommitMode, ImportJobConnectionType, ImportJobType, ImportProblemConnectionType } from './import.type.js';
import { runnerOf } from './index.js';
import { importMaySubmit } from './submit.js';
import { loadTarget } from './import-target.js';
import { PageInfoType } from '../applications/application.type.js';

@Resolver(() => ImportJobType)
export class ImportResolver {
  @Query(() => ImportJobType, { description: 'An import with its progress (its owner, admins, county admins over its region).' })
  async importJob(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<ImportJobType> {
    return ImportJobType.from(await loadImport(execOf(ctx.em), requireActor(ctx), id));
  }

  @Query(() => ImportJobConnectionType, { description: 'Imports the user may see, newest first.' })
  async importJobs(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<ImportJobConnectionType> {
    const page = await listImports(ctx, first, after);
    return Object.assign(new ImportJobConnectionType(), {
      edges: page.items.map((j) => ({ cursor: Buffer.from(`${j.createdAt.toISOString()}|${j.id}`).toString('base64url'), node: ImportJobType.from(j) })),
      pageInfo: Object.assign(new PageInfoType(), { hasNextPage: page.hasNextPage, endCursor: page.endCursor }),
    });
  }

  @FieldResolver(() => ImportProblemConnectionType, { description: 'The report: every problem with its sheet, line and column.' })
  async problems(
    @Ctx() ctx: Context,
    @Root() job: ImportJobType,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<ImportProblemConnectionType> {
    return ImportProblemConnectionType.from(await importProblems(execOf(ctx.em), job.job, first, after));
  }

  @FieldResolver(() => Boolean, { description: 'Whether commitImport may submit the imported cases (the workflow’s meta.import.submit).' })
  async submitAllowed(@Ctx() ctx: Context, @Root() job: ImportJobType): Promise<boolean> {
    if (job.job.targetKind !== 'programme') return false;
    return importMaySubmit(await loadTarget(ctx.em, job.job.targetKind, job.job.targetKey, job.job.versionId));
  }

  @Mutation(() => ImportJobType, { description: 'Writes a validated import (in the background; follow importJob). Repeating it changes nothing.' })
  async commitImport(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('mode', () => ImportCommitMode, { defaultValue: ImportCommitMode.ALL_OR_NOTHING }) mode: ImportCommitMode,
    @Arg('submit', () => Boolean, { defaultValue: false, description: 'Also submit each imported case, as its submit button would (only where ImportJob.submitAllowed).' }) submit: boolean,
  ): Promise<ImportJobType> {
    return ImportJobType.from(await commitImport(ctx, runnerOf(ctx.services), id, mode, submit));
  }

  @Mutation(() => ImportJobType, { description: 'Stops an import: at once before writing, after the current batch while running.' })
  async cancelImport(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<ImportJobType> {
    return ImportJobType.from(await cancelImport(ctx, runnerOf(ctx.services), id));
  }
}
