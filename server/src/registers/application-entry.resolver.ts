/**
 * The household an application belongs to, as a field of Application. It lives with the registers
 * (one domain's change stays in one folder); the applications domain only stores `entry_id`.
 */
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import { ApplicationType } from '../applications/application.type.js';
import { RegisterEntryType } from './entry.type.js';
import { registerLoaders } from './register.loaders.js';
import { canReadEntryAt } from './register.policy.js';

@Resolver(() => ApplicationType)
export class ApplicationEntryResolver {
  @FieldResolver(() => RegisterEntryType, { nullable: true, description: 'The register entry (household) this case belongs to; null when none, or outside your regions.' })
  async entry(@Root() a: ApplicationType, @Ctx() ctx: Context): Promise<RegisterEntryType | null> {
    if (!a.entity.entryId) return null;
    const entry = await registerLoaders(ctx).entry.load(a.entity.entryId);
    return entry && canReadEntryAt(requireActor(ctx), entry.regionPath, entry.registerId) ? RegisterEntryType.from(entry) : null;
  }
}
