/**
 * Objects keyed by form field names. A field may be named `constructor`, `toString` or even
 * `__proto__`: only own properties are read, and new entries are defined, never assigned, so a
 * field name never reaches Object, Object.prototype or a function.
 */
export type Node = Record<string, unknown>;

/** The object under `key`, created (as an own property) when missing or not an object. */
export function ownChild(node: Node, key: string): Node {
  const own = Object.hasOwn(node, key) ? node[key] : undefined;
  if (typeof own === 'object' && own !== null) return own as Node;
  const fresh: Node = {};
  Object.defineProperty(node, key, { value: fresh, writable: true, enumerable: true, configurable: true });
  return fresh;
}
