import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../core/context.js';
import { RegionInput, RegionType } from './region.type.js';
import { getRegion, importRegions, listRegions } from './region.service.js';

@Resolver()
export class RegionResolver {
  /** Public: the administrative tree is published data. */
  @Query(() => [RegionType], { description: 'Children of parentCode, or the top-level regions.' })
  async regions(@Ctx() ctx: Context, @Arg('parentCode', () => String, { nullable: true }) parentCode?: string): Promise<RegionType[]> {
    return (await listRegions(ctx, parentCode)).map(RegionType.from);
  }

  @Query(() => RegionType)
  async region(@Ctx() ctx: Context, @Arg('code', () => String) code: string): Promise<RegionType> {
    return RegionType.from(await getRegion(ctx.em, code));
  }

  @Mutation(() => Int, { description: 'Admin: insert or rename regions; parents first or already present.' })
  async importRegions(@Ctx() ctx: Context, @Arg('regions', () => [RegionInput]) regions: RegionInput[]): Promise<number> {
    return importRegions(ctx, regions);
  }
}
