import { Field, InputType, ObjectType } from 'type-graphql';
import type { Region } from './region.entity.js';

@ObjectType('Region', { description: 'A node of the administrative tree (12-digit statistical division code).' })
export class RegionType {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'province | city | county | township | village' }) level!: string;
  @Field(() => String, { nullable: true }) parentCode?: string | null;

  static from(r: Region): RegionType {
    return Object.assign(new RegionType(), { code: r.code, name: r.name, level: r.level, parentCode: r.parentCode ?? null });
  }
}

@InputType('RegionInput')
export class RegionInput {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => String) level!: string;
  @Field(() => String, { nullable: true }) parentCode?: string | null;
}
