import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../core/context.js';
import { listNotifications, markRead, unreadCount } from './notification.service.js';
import { NotificationConnectionType, NotificationType } from './notification.type.js';

@Resolver(() => NotificationType)
export class NotificationResolver {
  @Query(() => NotificationConnectionType, { description: 'The signed-in user’s notifications, newest first.' })
  async notifications(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('unreadOnly', () => Boolean, { defaultValue: false }) unreadOnly?: boolean,
  ): Promise<NotificationConnectionType> {
    return NotificationConnectionType.from(await listNotifications(ctx, first, after, unreadOnly));
  }

  @Query(() => Int, { description: 'Unread notifications, counted up to 100 (the bell shows 99+).' })
  async unreadNotificationCount(@Ctx() ctx: Context): Promise<number> {
    return unreadCount(ctx);
  }

  @Mutation(() => Int, { description: 'Marks notifications read: the given ids, or all of them. Answers how many changed.' })
  async markNotificationsRead(
    @Ctx() ctx: Context,
    @Arg('ids', () => [ID], { defaultValue: [] }) ids: string[],
    @Arg('all', () => Boolean, { defaultValue: false }) all: boolean,
  ): Promise<number> {
    return markRead(ctx, ids, all);
  }
}
