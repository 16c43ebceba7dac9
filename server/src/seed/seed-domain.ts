import type { Services } from '../core/services.js';
import type { Context } from '../core/context.js';
import { createLoaders } from '../core/loaders.js';
import { loadActor } from '../users/user.service.js';
import { User } from '../users/user.entity.js';
import { EXAMPLE_KEYS, loadExample, publishExample } from '../programmes/examples.js';
import { DEMO_COUNTY } from './demo-regions.js';
import { Region } from '../regions/region.entity.js';
import { seedApplications } from './demo-applications.js';
import { seedHouseholds } from './demo-households.js';
import { loadRegisterExample, publishRegisterExample } from '../registers/examples.js';
import { seedQuality } from './demo-quality.js';
import { seedExits } from './demo-exits.js';
import { seedLinkedCases } from './demo-linked.js';

/** A context acting as the given demo user, for seeding through the services' own checks. */
export async function contextAs(services: Services, username: string): Promise<Context> {
  const em = services.orm.em.fork();
  const user = await em.findOneOrFail(User, { username });
  const actor = await loadActor(em, user.id);
  return { em, actor, requestId: 'seed', clientIp: '127.0.0.1', log: services.log, services, loaders: createLoaders(em) };
}

/** The example programmes and the household register, published by the demo designer, with sample cases and households. */
export async function seedDomain(services: Services): Promise<void> {
  const ctx = await contextAs(services, 'designer');
  // The register first: programmes that act on it are checked against it when published.
  await publishRegisterExample(ctx, DEMO_COUNTY, loadRegisterExample('household'));
  for (const key of EXAMPLE_KEYS) await publishExample(ctx, DEMO_COUNTY, loadExample(key));
  // The county's notice contact, printed on every notice (a county sets its own with setNoticeContact).
  await ctx.em.nativeUpdate(Region, { code: DEMO_COUNTY }, { noticeContact: { office: '顺平县民政局社会救助股', phone: '0312-7621234', address: '顺平县蒲阳镇兴平路 12 号 民政局一楼大厅' } });
  await seedApplications(services);
  await seedHouseholds(services);
  await seedExits(services);
  await seedLinkedCases(services);
  await seedQuality(services);
}
