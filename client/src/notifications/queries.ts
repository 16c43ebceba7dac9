/** Operations of the notification bell and the webhook administration tab. */
import { graphql } from '../graphql';
import type { NotificationsQuery, WebhookDeliveriesQuery, WebhooksQuery } from '../graphql/graphql';

export const UnreadCountDocument = graphql(`
  query UnreadNotificationCount {
    unreadNotificationCount
  }
`);

export const NotificationsDocument = graphql(`
  query Notifications($first: Int!, $after: String) {
    notifications(first: $first, after: $after) {
      nodes { id kind title titleEn applicationId importJobId reference createdAt readAt }
      pageInfo { hasNextPage endCursor }
    }
    unreadNotificationCount
  }
`);
export type NotificationView = NotificationsQuery['notifications']['nodes'][number];

export const MarkNotificationsReadDocument = graphql(`
  mutation MarkNotificationsRead($ids: [ID!], $all: Boolean) {
    markNotificationsRead(ids: $ids, all: $all)
  }
`);

export const WebhooksDocument = graphql(`
  query Webhooks {
    webhooks { id regionCode name url eventKinds active secretHint createdAt }
  }
`);
export type WebhookView = WebhooksQuery['webhooks'][number];

export const CreateWebhookDocument = graphql(`
  mutation CreateWebhook($regionCode: String!, $input: WebhookInput!) {
    createWebhook(regionCode: $regionCode, input: $input) { id }
  }
`);

export const UpdateWebhookDocument = graphql(`
  mutation UpdateWebhook($id: ID!, $input: WebhookInput!) {
    updateWebhook(id: $id, input: $input) { id }
  }
`);

export const DeleteWebhookDocument = graphql(`
  mutation DeleteWebhook($id: ID!) {
    deleteWebhook(id: $id)
  }
`);

export const WebhookDeliveriesDocument = graphql(`
  query WebhookDeliveries($id: ID!, $first: Int!, $after: String) {
    webhookDeliveries(webhookId: $id, first: $first, after: $after) {
      nodes { id reference kind status attempts nextAttemptAt lastAttemptAt lastStatus lastError deliveredAt createdAt }
      pageInfo { hasNextPage endCursor }
    }
  }
`);
export type DeliveryView = WebhookDeliveriesQuery['webhookDeliveries']['nodes'][number];

export const RedeliverWebhookDocument = graphql(`
  mutation RedeliverWebhook($id: ID!) {
    redeliverWebhook(id: $id) { id status }
  }
`);
