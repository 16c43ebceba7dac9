/**
 * What the public may see of an application: only the fields the form schema marks `x-public`,
 * masked as `x-mask` says. Everything here is an allow-list: a field not listed, or a value of an
 * unexpected shape, never reaches the output. Values published without a mask still have anything
 * ID-, card- or mobile-shaped masked (redactIdentifiers).
 */
import type { PublicField } from '../programmes/form-annotations.js';
import type { MaskKind } from '../programmes/form-keywords.js';
import { ANY_INDEX, parsePointer } from '../programmes/form-pointer.js';

/** Shown instead of a value that does not look like what its mask expects. */
export const FULLY_MASKED = '***';

const ID_SHAPE = /^\d{17}[\dX]$/i;
const MOBILE_SHAPE = /^1\d{10}$/;

/**
 * `130636199001011234` → `1306**********1234`; `张三明` → `张*明`, `张三` → `张*`,
 * `欧阳小明` → `欧**明`; `13812345678` → `138****5678`. Anything else → `***`, so a wrong
 * value in the wrong field (an ID number typed into the name) is not half-published.
 */
export function maskValue(value: string, kind: MaskKind): string {
  if (typeof value !== 'string') return FULLY_MASKED;
  const s = value.trim();
  switch (kind) {
    case 'idcard':
      return ID_SHAPE.test(s) ? `${s.slice(0, 4)}${'*'.repeat(10)}${s.slice(14)}` : FULLY_MASKED;
    case 'phone':
      return MOBILE_SHAPE.test(s) ? `${s.slice(0, 3)}****${s.slice(7)}` : FULLY_MASKED;
    case 'name': {
      const chars = Array.from(s); // code points, so rare characters outside the BMP count once
      if (chars.length === 0 || chars.length > 30 || /[\d@]/.test(s)) return FULLY_MASKED;
      if (chars.length === 1) return '*';
      if (chars.length === 2) return `${chars[0]}*`;
      return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
    }
    default:
      return FULLY_MASKED;
  }
}

// Runs of 15 or more digits (the last may be X): resident ID numbers (15 or 18), bank cards (16–19).
const LONG_DIGITS = /(?<!\d)\d{14,}[\dXx](?!\d)/g;
// Mainland mobile numbers: 11 digits starting 13–19.
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
const WHOLE_IDENTIFIER = /^(?:\d{14,}[\dXx]|1[3-9]\d{9})$/;

/**
 * Defence in depth for public output: masks anything shaped like a resident ID number, a bank card
 * or a mobile number inside `text`, whatever the schema says about the field (a designer may have
 * published a free-text field someone typed a number into). IDs and cards keep their first and
 * last four digits, mobiles `138****5678`, as the masks do.
 */
export function redactIdentifiers(text: string): string {
  return text
    .replace(LONG_DIGITS, (d) => `${d.slice(0, 4)}${'*'.repeat(d.length - 8)}${d.slice(-4)}`)
    .replace(MOBILE, (m) => `${m.slice(0, 3)}****${m.slice(7)}`);
}

/** An unmasked public value with identifiers masked; a number that is one becomes masked text. */
function redacted(value: string | number | boolean): string | number | boolean {
  if (typeof value === 'string') return redactIdentifiers(value);
  if (typeof value === 'number' && Number.isInteger(value) && WHOLE_IDENTIFIER.test(String(value))) return redactIdentifiers(String(value));
  return value;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown): v is string | number | boolean =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

/** A leaf value as it may be published, or undefined when it must not be. */
function publishable(value: unknown, mask?: MaskKind): unknown {
  const one = (v: string | number | boolean) => (mask ? (typeof v === 'string' ? maskValue(v, mask) : FULLY_MASKED) : redacted(v));
  if (isScalar(value)) return one(value);
  // Arrays of plain values (e.g. the risk factors ticked); never objects, whatever the schema says.
  if (Array.isArray(value) && value.every(isScalar)) return value.map(one);
  return undefined;
}

/** The slice of `data` at `segments` (with `*` over arrays), or undefined when there is nothing. */
function pick(data: unknown, segments: string[], mask?: MaskKind): unknown {
  if (segments.length === 0) return publishable(data, mask);
  const [head, ...rest] = segments;
  if (head === ANY_INDEX) {
    if (!Array.isArray(data)) return undefined;
    const items = data.map((element) => pick(element, rest, mask));
    if (items.every((x) => x === undefined)) return undefined;
    // Keep positions, so the fields of one member line up when merged.
    return items.map((x) => (x === undefined ? (rest.length > 0 ? {} : null) : x));
  }
  if (!isRecord(data) || !Object.hasOwn(data, head)) return undefined;
  const value = pick(data[head], rest, mask);
  return value === undefined ? undefined : { [head]: value };
}

function merge(target: unknown, source: unknown): unknown {
  if (Array.isArray(target) && Array.isArray(source)) {
    const length = Math.max(target.length, source.length);
    return Array.from({ length }, (_, i) => (source[i] == null ? target[i] : target[i] == null ? source[i] : merge(target[i], source[i])));
  }
  if (isRecord(target) && isRecord(source)) {
    for (const [key, value] of Object.entries(source)) {
      const next = Object.hasOwn(target, key) ? merge(target[key], value) : value;
      // defineProperty: a data key named __proto__ stays a plain property.
      Object.defineProperty(target, key, { value: next, writable: true, enumerable: true, configurable: true });
    }
    return target;
  }
  return source;
}

/**
 * The public view of application data: the x-public fields only, nested as in the data, masked
 * where the field has x-mask. An x-public field inside array `items` (pointer with `*`) is taken
 * from every element.
 */
export function publicView(data: unknown, publicFields: readonly PublicField[]): Record<string, unknown> {
  let view: Record<string, unknown> = {};
  for (const field of publicFields) {
    const segments = parsePointer(field.pointer);
    if (segments.length === 0) continue; // the whole document is never public
    const slice = pick(data, segments, field.mask);
    if (slice !== undefined) view = merge(view, slice) as Record<string, unknown>;
  }
  return view;
}
