/**
 * Merges a reviewer's partial data into the application's data: objects merge key by key, arrays
 * and scalars replace, `null` clears a field.
 *
 * Keys are data, whatever their name: a housing form may have a field `constructor` (施工单位).
 * Only own properties are read and every write is a defineProperty, so `constructor`, `toString`
 * or `__proto__` are ordinary fields and nothing reaches a prototype.
 */
export function mergeData(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(base)) put(out, key, value);
  for (const [key, value] of Object.entries(patch)) {
    const current = Object.hasOwn(out, key) ? out[key] : undefined;
    if (value === null) delete out[key];
    else if (isPlainObject(value) && isPlainObject(current)) put(out, key, mergeData(current, value));
    else put(out, key, value);
  }
  return out;
}

function put(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
