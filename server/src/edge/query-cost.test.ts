import 'reflect-metadata';
import { beforeAll, describe, expect, it } from 'vitest';
import { Kind, parse, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { createSchema } from '../schema.js';
import { loadConfig } from '../core/config.js';
import { operationCost } from './query-cost.js';
import * as clientOps from '../../../client/src/graphql/graphql.js';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await createSchema();
});

function cost(query: string, variables: Record<string, unknown> = {}): number {
  const doc = parse(query);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return operationCost(schema, doc, op, variables);
}

const LIST = 'query($f: Int!) { applications(first: $f) { edges { node { id data } } } }';

describe('query cost', () => {
  it('counts first given as a variable like a literal', () => {
    expect(cost(LIST, { f: 100 })).toBe(cost('{ applications(first: 100) { edges { node { id data } } } }'));
    expect(cost(LIST, { f: 100 })).toBeGreaterThan(20 * cost(LIST, { f: 5 }) - 100);
  });

  it('uses the variable default, then the argument default, when the variable is absent', () => {
    const withDefault = 'query($f: Int = 7) { applications(first: $f) { edges { node { id } } } }';
    expect(cost(withDefault)).toBe(cost('{ applications(first: 7) { edges { node { id } } } }'));
    // applications(first: Int! = 20)
    expect(cost('{ applications { edges { node { id } } } }')).toBe(cost('{ applications(first: 20) { edges { node { id } } } }'));
  });

  it('weighs JSON fields such as Application.data heavily', () => {
    expect(cost('{ applications(first: 10) { edges { node { id data } } } }') - cost('{ applications(first: 10) { edges { node { id } } } }')).toBe(10 * 100);
  });

  it('multiplies aliases, fragments and nested lists', () => {
    const one = cost('{ a: applications(first: 100) { edges { node { id } } } }');
    const fifteen = cost(`{ ${Array.from({ length: 15 }, (_, i) => `a${i}: applications(first: 100) { edges { node { id } } }`).join(' ')} }`);
    expect(fifteen).toBe(15 * one);
    const viaFragment = cost('query { applications(first: 100) { ...F } } fragment F on ApplicationConnection { edges { node { id } } }');
    expect(viaFragment).toBe(cost('{ applications(first: 100) { edges { node { id } } } }'));
    // history is a list without first: counted as 10 items
    expect(cost('{ application(id: "x") { history { id } } }')).toBe(1 + 10 * 2);
  });

  it('refuses the probe of the issue (15 aliases × first $f = 100 with data) and lets one page through', () => {
    const limits = loadConfig();
    const probe = `query($f: Int!) { ${Array.from({ length: 15 }, (_, i) => `a${i}: applications(first: $f) { edges { node { id data } } }`).join(' ')} }`;
    expect(cost(probe, { f: 100 })).toBeGreaterThan(limits.maxQueryCost);
    expect(cost(LIST, { f: 100 })).toBeLessThanOrEqual(limits.maxQueryCost);
  });

  it("fits every operation of the web client, at its largest page sizes, within the limits", () => {
    const limits = loadConfig();
    const docs = Object.entries(clientOps).filter(([name, v]) => name.endsWith('Document') && v instanceof String) as [string, String][];
    expect(docs.length).toBeGreaterThan(10);
    for (const [name, doc] of docs) {
      const parsed = parse(doc.toString());
      const op = parsed.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
      // The public board and the printable notice page by 50 without signing in; staff lists by up to 100.
      const isPublic = name === 'PublicNoticesDocument' || name === 'RaiseObjectionDocument' || name === 'LoginDocument';
      const c = operationCost(schema, parsed, op, { first: isPublic ? 50 : 100 });
      expect({ name, fits: c <= (isPublic ? limits.maxQueryCostAnonymous : limits.maxQueryCost) }).toEqual({ name, fits: true });
    }
  });
});
