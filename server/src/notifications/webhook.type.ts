import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime, GraphQLJSON } from 'graphql-scalars';
import { PageInfoType } from '../applications/application.type.js';
import { toDate } from '../registers/sql.js';
import type { DeliveryPage, DeliveryRow, WebhookSubscriptionRow } from './webhook.service.js';

@InputType('WebhookInput')
export class WebhookInputType {
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'Where events are POSTed (http or https).' }) url!: string;
  @Field(() => String, { nullable: true, description: 'The HMAC-SHA256 key (16–200 characters). Required when creating; omit to keep it.' }) secret?: string | null;
  @Field(() => [String], { description: '"*", workflow event names (SUBMIT, APPROVE, …) or "status:<STATUS>" (status after the event).' }) eventKinds!: string[];
  @Field(() => Boolean, { nullable: true, description: 'False pauses deliveries; events still queue.' }) active?: boolean | null;
}

@ObjectType('WebhookSubscription', { description: 'Where a region’s case events are sent (docs/notifications.md). The secret is never shown.' })
export class WebhookSubscriptionType {
  @Field(() => ID) id!: string;
  @Field(() => String) regionCode!: string;
  @Field(() => String) name!: string;
  @Field(() => String) url!: string;
  @Field(() => [String]) eventKinds!: string[];
  @Field(() => Boolean) active!: boolean;
  @Field(() => String, { description: 'The secret’s last four characters, to tell which one is set.' }) secretHint!: string;
  @Field(() => GraphQLDateTime) createdAt!: Date;
  @Field(() => GraphQLDateTime) updatedAt!: Date;

  static from(r: WebhookSubscriptionRow): WebhookSubscriptionType {
    return Object.assign(new WebhookSubscriptionType(), {
      id: r.id, regionCode: r.region_code, name: r.name, url: r.url, eventKinds: r.event_kinds, active: r.active,
      secretHint: `…${r.secret.slice(-4)}`, createdAt: toDate(r.created_at), updatedAt: toDate(r.updated_at),
    });
  }
}

@ObjectType('WebhookDelivery', { description: 'One event for one subscription, with its last attempt.' })
export class WebhookDeliveryType {
  @Field(() => ID, { description: 'Also sent as X-Aid-Delivery: the receiver’s deduplication key.' }) id!: string;
  @Field(() => ID) applicationId!: string;
  @Field(() => String, { nullable: true }) reference?: string | null;
  @Field(() => String) kind!: string;
  @Field(() => String, { description: 'pending | delivered | failed (gave up after WEBHOOK_MAX_ATTEMPTS)' }) status!: string;
  @Field(() => Int) attempts!: number;
  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the next attempt is due (pending only).' }) nextAttemptAt?: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true }) lastAttemptAt?: Date | null;
  @Field(() => Int, { nullable: true, description: 'HTTP status of the last attempt; null when it got no answer.' }) lastStatus?: number | null;
  @Field(() => String, { nullable: true }) lastError?: string | null;
  @Field(() => GraphQLDateTime, { nullable: true }) deliveredAt?: Date | null;
  @Field(() => GraphQLDateTime) createdAt!: Date;
  @Field(() => GraphQLJSON, { description: 'The body sent (without deliveryId and subscriptionId).' }) payload!: unknown;

  static from(r: DeliveryRow): WebhookDeliveryType {
    return Object.assign(new WebhookDeliveryType(), {
      id: String(r.id), applicationId: r.application_id, reference: r.payload?.application?.reference ?? null, kind: r.kind, status: r.status,
      attempts: r.attempts, nextAttemptAt: r.status === 'pending' ? toDate(r.next_attempt_at) : null, lastAttemptAt: toDate(r.last_attempt_at),
      lastStatus: r.last_status, lastError: r.last_error, deliveredAt: toDate(r.delivered_at), createdAt: toDate(r.created_at), payload: r.payload,
    });
  }
}

@ObjectType('WebhookDeliveryConnection')
export class WebhookDeliveryConnectionType {
  @Field(() => [WebhookDeliveryType]) nodes!: WebhookDeliveryType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;

  static from(p: DeliveryPage): WebhookDeliveryConnectionType {
    return Object.assign(new WebhookDeliveryConnectionType(), {
      nodes: p.items.map(WebhookDeliveryType.from),
      pageInfo: Object.assign(new PageInfoType(), { hasNextPage: p.hasNextPage, endCursor: p.endCursor }),
    });
  }
}
