/**
 * JSON pointers (RFC 6901) into application data: reading, writing, and diffing two versions so a
 * reviewer's edit can be checked against the fields a workflow state lets them change.
 * Pure (the client uses it too).
 *
 * Field lists derived from a schema (publicFields, uniqueFields) use `*` as a segment meaning
 * "every element of this array"; checkFormSchema refuses a property literally named `*`.
 */

export const ANY_INDEX = '*';

export function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Splits a pointer into unescaped segments; `''` is the whole document. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`not a JSON pointer: ${JSON.stringify(pointer)}`);
  return pointer.slice(1).split('/').map(unescapeSegment);
}

export function joinPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + escapeSegment(String(s))).join('');
}

const isIndex = (s: string) => /^(0|[1-9]\d*)$/.test(s);
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Value at `pointer`, or undefined. Only own properties: `/__proto__` never reaches a prototype. */
export function readPointer(data: unknown, pointer: string): unknown {
  let current = data;
  for (const segment of parsePointer(pointer)) {
    if (Array.isArray(current)) {
      if (!isIndex(segment)) return undefined;
      current = current[Number(segment)];
    } else if (isRecord(current)) {
      if (!Object.hasOwn(current, segment)) return undefined;
      current = current[segment];
    } else {
      return undefined;
    }
  }
  return current;
}

/**
 * Writes `value` at `pointer`, creating missing objects (or arrays, when the next segment is an
 * index or `-`, RFC 6901's "append"). Mutates `data` and returns the root (the new value itself
 * when the pointer is ''). Writes with defineProperty so a `__proto__` key stays plain data.
 */
export function setPointer(data: unknown, pointer: string, value: unknown): unknown {
  const segments = parsePointer(pointer);
  if (segments.length === 0) return value;
  if (typeof data !== 'object' || data === null) throw new Error('setPointer needs an object or array root');
  let current = data as Record<string, unknown> | unknown[];
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    const next = segments[i + 1];
    const fresh = () => (next === '-' || (next !== undefined && isIndex(next)) ? [] : {});
    if (Array.isArray(current)) {
      if (segment !== '-' && !isIndex(segment)) throw new Error(`array index expected at ${pointer}`);
      const index = segment === '-' ? current.length : Number(segment);
      if (last) current[index] = value;
      else {
        if (typeof current[index] !== 'object' || current[index] === null) current[index] = fresh();
        current = current[index] as Record<string, unknown> | unknown[];
      }
      return;
    }
    const put = (v: unknown) =>
      Object.defineProperty(current, segment, { value: v, writable: true, enumerable: true, configurable: true });
    if (last) put(value);
    else {
      const own = Object.hasOwn(current, segment) ? (current as Record<string, unknown>)[segment] : undefined;
      if (typeof own !== 'object' || own === null) put(fresh());
      current = (current as Record<string, unknown>)[segment] as Record<string, unknown> | unknown[];
    }
  });
  return data;
}

/** Structural equality of JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
}

/**
 * Pointers of everything that differs between two versions, in document order (parents' fields
 * before later siblings). Objects are descended into; a leaf value or a whole array is reported
 * as one pointer (arrays of members are edited as a unit). Added/removed objects are reported
 * by their leaves, or by their own pointer when empty.
 */
export function changedPointers(before: unknown, after: unknown): string[] {
  const out: string[] = [];
  const visit = (a: unknown, b: unknown, pointer: string) => {
    if (jsonEqual(a, b)) return;
    const aObj = isRecord(a) || a === undefined;
    const bObj = isRecord(b) || b === undefined;
    if (aObj && bObj) {
      const ra = (a ?? {}) as Record<string, unknown>;
      const rb = (b ?? {}) as Record<string, unknown>;
      const keys = [...new Set([...Object.keys(rb), ...Object.keys(ra)])];
      const start = out.length;
      for (const key of keys) {
        visit(Object.hasOwn(ra, key) ? ra[key] : undefined, Object.hasOwn(rb, key) ? rb[key] : undefined, pointer + '/' + escapeSegment(key));
      }
      if (out.length === start) out.push(pointer);
      return;
    }
    out.push(pointer);
  };
  visit(before, after, '');
  return out;
}

/**
 * True when `pointer` is `prefix` or lies under it; a `*` segment in `prefix` matches any array
 * index. Use with changedPointers: every changed pointer must lie within an editable one.
 */
export function isPointerWithin(pointer: string, prefix: string): boolean {
  const p = parsePointer(pointer);
  const q = parsePointer(prefix);
  if (q.length > p.length) return false;
  return q.every((segment, i) => segment === p[i] || (segment === ANY_INDEX && isIndex(p[i])));
}
