/**
 * What a GraphQL operation may cost, computed with the request's variable values (graphql-armor's
 * cost limit reads only the document, so `first: $n` counted as nothing and fifteen aliased pages
 * of 100 applications passed). The model:
 *  - every field costs 1, a field of the JSON scalar costs `json` (form data, schemas and
 *    workflows are up to 256 KB each), unless `overrides` names it (`Type.field`);
 *  - a list field multiplies its own cost and its selection's by its size: the value of its `first`
 *    argument (a literal, a variable's value, the variable's default or the argument's default);
 *    a connection field (one with `first` that returns an object) hands its size to the lists in
 *    its selection (`edges`); any other list counts as `defaultListSize` items;
 *  - introspection (`__schema`, `__type`) counts 1: its depth is bounded by its own rule.
 * The cost is an upper bound of the work and of the response size, not a measurement.
 */
import {
  GraphQLError, Kind, getNamedType, getNullableType, isListType, isObjectType, isInterfaceType, valueFromASTUntyped,
  type DocumentNode, type FragmentDefinitionNode, type GraphQLField, type GraphQLNamedType, type GraphQLSchema,
  type OperationDefinitionNode, type SelectionSetNode, type ValueNode,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { DomainError } from '../core/errors.js';

export interface CostWeights {
  field: number;
  json: number;
  defaultListSize: number;
  overrides: Record<string, number>;
}

export const DEFAULT_WEIGHTS: CostWeights = {
  field: 1,
  json: 100,
  defaultListSize: 10,
  // Statistics sums are a few numbers, not a document; a register change's before/after is one
  // field's value (a member at most), not a whole entry.
  // A simulated step's effect or computed value is one field's value; a version diff's before/after
  // is one field's or state's facts.
  overrides: {
    'StatRow.sums': 2, 'RegisterFieldChange.before': 3, 'RegisterFieldChange.after': 3,
    'SimulatedEffect.value': 3, 'ComputedValue.value': 3, 'DefinitionChange.before': 5, 'DefinitionChange.after': 5,
  },
};

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  variableDefaults: Map<string, ValueNode>;
  weights: CostWeights;
  memo: Map<string, number>;
}

/** The size a `first` argument asks for, from a literal, a variable or a default; at least 1. */
function pageSize(w: Walk, field: GraphQLField<unknown, unknown>, args: readonly { name: { value: string }; value: ValueNode }[]): number | undefined {
  const def = field.args.find((a) => a.name === 'first');
  if (!def) return undefined;
  const node = args.find((a) => a.name.value === 'first')?.value;
  let value: unknown = def.defaultValue;
  if (node?.kind === Kind.VARIABLE) {
    const name = node.name.value;
    if (w.variables[name] !== undefined && w.variables[name] !== null) value = w.variables[name];
    else if (w.variableDefaults.has(name)) value = valueFromASTUntyped(w.variableDefaults.get(name)!);
  } else if (node) {
    value = valueFromASTUntyped(node);
  }
  const n = typeof value === 'number' && Number.isFinite(value) ? Math.floor(value) : Number(value);
  return Number.isFinite(n) && n >= 1 ? n : 1;
}

function selectionCost(w: Walk, set: SelectionSetNode, type: GraphQLNamedType, handedSize?: number): number {
  let total = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.INLINE_FRAGMENT) {
      const t = sel.typeCondition ? w.schema.getType(sel.typeCondition.name.value) ?? type : type;
      total += selectionCost(w, sel.selectionSet, t, handedSize);
      continue;
    }
    if (sel.kind === Kind.FRAGMENT_SPREAD) {
      const frag = w.fragments.get(sel.name.value);
      if (!frag) continue;
      const key = `${frag.name.value}|${handedSize ?? ''}`;
      let c = w.memo.get(key);
      if (c === undefined) {
        c = selectionCost(w, frag.selectionSet, w.schema.getType(frag.typeCondition.name.value) ?? type, handedSize);
        w.memo.set(key, c);
      }
      total += c;
      continue;
    }
    const name = sel.name.value;
    if (name === '__typename') continue;
    if (name === '__schema' || name === '__type') {
      total += 1;
      continue;
    }
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    const field = type.getFields()[name];
    if (!field) continue;
    const named = getNamedType(field.type);
    const own = w.weights.overrides[`${type.name}.${name}`] ?? (named.name === 'JSON' ? w.weights.json : w.weights.field);
    const size = pageSize(w, field, sel.arguments ?? []);
    const list = isListType(getNullableType(field.type));
    let multiplier = 1;
    let passOn: number | undefined;
    if (list) multiplier = size ?? handedSize ?? w.weights.defaultListSize;
    else passOn = size;
    const children = sel.selectionSet ? selectionCost(w, sel.selectionSet, named, passOn) : 0;
    total += multiplier * (own + children);
  }
  return total;
}

/** The cost of one operation of a validated document, with the request's variables. */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
  weights: CostWeights = DEFAULT_WEIGHTS,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const variableDefaults = new Map<string, ValueNode>();
  for (const v of operation.variableDefinitions ?? []) if (v.defaultValue) variableDefaults.set(v.variable.name.value, v.defaultValue);
  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  if (!root) return 0;
  return selectionCost({ schema, fragments, variables, variableDefaults, weights, memo: new Map() }, operation.selectionSet, root);
}

export interface CostLimits {
  /** For signed-in requests (a bearer token was presented). */
  maxCost: number;
  /** For anonymous requests (the public board, objections, sign-in). */
  maxCostAnonymous: number;
}

/** Refuses an operation above its limit before anything runs, with a bilingual message. */
export function costLimitPlugin<C extends { actor?: unknown }>(limits: CostLimits, weights: CostWeights = DEFAULT_WEIGHTS): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          if (!operation) return;
          const cost = operationCost(schema, document, operation, request.variables ?? {}, weights);
          const limit = contextValue.actor ? limits.maxCost : limits.maxCostAnonymous;
          if (cost <= limit) return;
          const rounded = Math.ceil(cost);
          throw edgeError(new DomainError('QUERY_TOO_COSTLY', `The query costs ${rounded}, more than the limit of ${limit}: ask for fewer items per page (first), fewer aliases or fewer large fields (data, formSchema)`, {
            messageZh: `查询过大（成本 ${rounded}，上限 ${limit}）：请减少每页条数（first）、别名或大字段（data、formSchema）`,
            cost: rounded,
            limit,
          }), 400);
        },
      };
    },
  };
}

/**
 * A refusal raised outside a resolver (in a plugin hook): Apollo answers it with the given HTTP
 * status, and formatError maps the domain error inside it like any other.
 */
export function edgeError(error: DomainError, status: number): GraphQLError {
  return new GraphQLError(error.message, { originalError: error, extensions: { http: { status } } });
}
