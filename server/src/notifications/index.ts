/**
 * The notification domain's pieces for the composition root: resolvers (resolvers.ts) and the
 * background work (runtime.ts): webhook delivery and the due-date sweep, on the timers' pg-boss.
 */
import type { Services } from '../core/services.js';
import { execOf } from '../registers/sql.js';
import { NotificationResolver } from './notification.resolver.js';
import { sweepDueDates } from './notification.service.js';
import { WebhookDispatcher } from './webhook-delivery.js';
import { WebhookResolver } from './webhook.resolver.js';

export const notificationResolvers: Function[] = [WebhookResolver, NotificationResolver];

const SWEEP_MS = 60_000;

export async function startNotifications(services: Services): Promise<{ stop(): Promise<void> }> {
  if (!services.timers) throw new Error('notifications run on the timers’ pg-boss: start the timers first');
  const work = services.config.timers;
  const dispatcher = await WebhookDispatcher.start(services.timers.boss, services, work);
  let sweeper: NodeJS.Timeout | undefined;
  if (work) {
    const sweep = () => void sweepDueDates(execOf(services.orm.em.fork())).catch((err) => services.log.error({ err }, 'due-date sweep failed'));
    sweeper = setInterval(sweep, SWEEP_MS).unref();
    sweep();
  }
  return {
    async stop() {
      if (sweeper) clearInterval(sweeper);
      await dispatcher.stop();
    },
  };
}
