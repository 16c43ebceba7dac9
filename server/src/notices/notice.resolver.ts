import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import { ApplicationType } from '../applications/application.type.js';
import { ObjectionReceiptType, ObjectionType, PublicNoticeConnectionType } from './notice.type.js';
import { encodeNoticeCursor, listPublicNotices } from './notice.queries.js';
import { toPublicNotice } from './notice.presenter.js';
import { objectionStatus, raiseObjection, resolveObjection } from './objection.service.js';
import { objectionLoader } from './objection.loader.js';
import { boardCacheOf } from './board-cache.js';

@Resolver()
export class NoticeResolver {
  /** Public: no login. Only x-public fields, masked. */
  @Query(() => PublicNoticeConnectionType, { description: 'Public (no login): cases under notice, newest first; regionCode includes its whole subtree.' })
  async publicNotices(
    @Ctx() ctx: Context,
    @Arg('regionCode', () => String, { nullable: true }) regionCode?: string,
    @Arg('first', () => Int, { defaultValue: 20 }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<PublicNoticeConnectionType> {
    // The same page for everyone (public fields only, masked): served from the short board cache.
    const key = `${regionCode ?? ''}|${first}|${after ?? ''}`;
    const board = await boardCacheOf(ctx.services).get(key, async () => {
      const page = await listPublicNotices(ctx, regionCode, first, after);
      const now = new Date();
      const nodes = await Promise.all(page.items.map((a) => toPublicNotice(ctx, a, now)));
      return {
        regionPath: page.regionPath,
        value: {
          edges: page.items.map((a, i) => ({ cursor: encodeNoticeCursor(a), node: nodes[i]! })),
          pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
        },
      };
    });
    // Tells the finished-answer cache in front of Apollo which region this answer shows.
    if (ctx.board) ctx.board.regionPath = board.regionPath;
    return Object.assign(new PublicNoticeConnectionType(), {
      ...board.value,
      // Counted per request, and only when asked.
      count: async () => (await listPublicNotices(ctx, regionCode, 1)).count(),
    });
  }

  /** Public: no login; rate limited per client. */
  @Mutation(() => ObjectionType, {
    description: 'Public (no login): object to a case while its notice is open. The objection pauses the notice and goes to staff; the answer carries the receipt code for objectionStatus. The contact is not echoed back.',
  })
  async raiseObjection(
    @Ctx() ctx: Context,
    @Arg('reference', () => String) reference: string,
    @Arg('reason', () => String, { description: '5–1000 characters, plain text.' }) reason: string,
    @Arg('contact', () => String, { nullable: true, description: 'At most 100 characters; seen only by staff.' }) contact?: string,
  ): Promise<ObjectionType> {
    return ObjectionType.from(await raiseObjection(ctx, { reference, reason, contact }), 'public');
  }

  /** Public: no login; rate limited per client. */
  @Query(() => ObjectionReceiptType, { description: 'Public (no login): the progress of an objection by its receipt code, and the reason if it was dismissed. Rate limited per client.' })
  async objectionStatus(@Ctx() ctx: Context, @Arg('receipt', () => String) receipt: string): Promise<ObjectionReceiptType> {
    return ObjectionReceiptType.from(await objectionStatus(ctx, receipt));
  }

  @Mutation(() => ObjectionType, {
    description: 'Staff confirm (outcome "upheld": the case takes the notice\'s objection event, back as the workflow says) or dismiss ("dismissed": the comment is the reason the objector reads; when no open objection is left and the notice period is over, the notice ends at once) an open objection. Roles acting on the case or in the step it would go back to, or county_office.',
  })
  async resolveObjection(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('outcome', () => String, { description: 'upheld | dismissed' }) outcome: string,
    @Arg('comment', () => String) comment: string,
  ): Promise<ObjectionType> {
    return ObjectionType.from(await resolveObjection(ctx, id, outcome, comment), 'staff');
  }
}

@Resolver(() => ApplicationType)
export class ApplicationObjectionsResolver {
  @FieldResolver(() => [ObjectionType], { description: 'Objections raised against this case, oldest first, with contacts.' })
  async objections(@Root() a: ApplicationType, @Ctx() ctx: Context): Promise<ObjectionType[]> {
    requireActor(ctx); // Applications reach only signed-in readers; say so explicitly.
    return (await objectionLoader(ctx).load(a.id)).map((o) => ObjectionType.from(o, 'staff'));
  }
}

export const noticeResolvers: Function[] = [NoticeResolver, ApplicationObjectionsResolver];
