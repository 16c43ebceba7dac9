import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../core/context.js';
import { createWebhook, deleteWebhook, listDeliveries, listWebhooks, loadWebhook, redeliver, updateWebhook } from './webhook.service.js';
import { WebhookDeliveryConnectionType, WebhookDeliveryType, WebhookInputType, WebhookSubscriptionType } from './webhook.type.js';

@Resolver(() => WebhookSubscriptionType)
export class WebhookResolver {
  @Query(() => [WebhookSubscriptionType], { description: 'Webhooks of the regions the caller administers (admin, county_admin).' })
  async webhooks(@Ctx() ctx: Context): Promise<WebhookSubscriptionType[]> {
    return (await listWebhooks(ctx)).map(WebhookSubscriptionType.from);
  }

  @Query(() => WebhookSubscriptionType)
  async webhook(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<WebhookSubscriptionType> {
    return WebhookSubscriptionType.from(await loadWebhook(ctx, id));
  }

  @Query(() => WebhookDeliveryConnectionType, { description: 'The delivery log of one webhook, newest first.' })
  async webhookDeliveries(
    @Ctx() ctx: Context,
    @Arg('webhookId', () => ID) webhookId: string,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('status', () => String, { nullable: true, description: 'pending | delivered | failed' }) status?: string | null,
  ): Promise<WebhookDeliveryConnectionType> {
    return WebhookDeliveryConnectionType.from(await listDeliveries(ctx, webhookId, first, after, status));
  }

  @Mutation(() => WebhookSubscriptionType, { description: 'Subscribes a URL to the history events of cases in the region and below.' })
  async createWebhook(@Ctx() ctx: Context, @Arg('regionCode', () => String) regionCode: string, @Arg('input', () => WebhookInputType) input: WebhookInputType): Promise<WebhookSubscriptionType> {
    return WebhookSubscriptionType.from(await createWebhook(ctx, regionCode, input));
  }

  @Mutation(() => WebhookSubscriptionType)
  async updateWebhook(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('input', () => WebhookInputType) input: WebhookInputType): Promise<WebhookSubscriptionType> {
    return WebhookSubscriptionType.from(await updateWebhook(ctx, id, input));
  }

  @Mutation(() => Boolean, { description: 'Removes the webhook and its delivery log.' })
  async deleteWebhook(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<boolean> {
    return deleteWebhook(ctx, id);
  }

  @Mutation(() => WebhookDeliveryType, { description: 'Sends one delivery again now (e.g. one that failed).' })
  async redeliverWebhook(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<WebhookDeliveryType> {
    return WebhookDeliveryType.from(await redeliver(ctx, id));
  }
}
