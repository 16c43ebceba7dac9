/**
 * graphql-armor's depth limit skips `__schema` on purpose (GraphiQL's introspection query is deeper
 * than any real query), and graphql-js bounds only nested `fields`/`interfaces`/`possibleTypes`
 * lists, so `__schema { types { ofType { ofType { … } } } }` could nest without end. This rule
 * bounds the depth inside `__schema` and `__type` by the depth of the standard introspection
 * query (graphql-js `getIntrospectionQuery` with every option, which GraphiQL sends).
 */
import { GraphQLError, Kind, type ASTVisitor, type FieldNode, type SelectionSetNode, type ValidationContext } from 'graphql';

/** Depth of getIntrospectionQuery({ all options }) counted from `__schema` (= 1). */
export const MAX_INTROSPECTION_DEPTH = 15;

function depthOf(field: FieldNode, context: ValidationContext): number {
  let max = 0;
  const seen = new Set<string>();
  const stack: Array<{ set: SelectionSetNode | undefined; depth: number }> = [{ set: field.selectionSet, depth: 1 }];
  while (stack.length) {
    const { set, depth } = stack.pop()!;
    max = Math.max(max, depth);
    if (!set || max > MAX_INTROSPECTION_DEPTH) continue;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) stack.push({ set: sel.selectionSet, depth: depth + 1 });
      else if (sel.kind === Kind.INLINE_FRAGMENT) stack.push({ set: sel.selectionSet, depth });
      else {
        // A fragment counts once per depth it is spread at (enough: depth only grows inside it).
        const key = `${sel.name.value}@${depth}`;
        if (seen.has(key)) continue;
        seen.add(key);
        stack.push({ set: context.getFragment(sel.name.value)?.selectionSet, depth });
      }
    }
  }
  return max;
}

export function introspectionDepthRule(context: ValidationContext): ASTVisitor {
  return {
    Field(node) {
      if (node.name.value !== '__schema' && node.name.value !== '__type') return;
      const depth = depthOf(node, context);
      if (depth > MAX_INTROSPECTION_DEPTH) {
        context.reportError(new GraphQLError(`Introspection depth limit of ${MAX_INTROSPECTION_DEPTH} exceeded`, { nodes: [node] }));
      }
      return false;
    },
  };
}
