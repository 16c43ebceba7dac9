import 'reflect-metadata';
import { buildSchema } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { RegionResolver } from './regions/region.resolver.js';
import { UserResolver } from './users/user.resolver.js';
import { domainResolvers } from './resolvers.js';

/** The whole GraphQL schema; docs/schema.graphql is printed from it (npm run schema:print). */
export async function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [RegionResolver, UserResolver, ...domainResolvers] as [Function, ...Function[]],
    validate: false,
    emitSchemaFile: false,
  });
}
