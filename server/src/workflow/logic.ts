/**
 * The platform's one JSON Logic evaluator, with a budget. Every rule a definition carries (workflow
 * `rule` guards today; computed fields and data-quality rules later) is evaluated here, on the
 * server and in the browser alike, so this module is isomorphic: no imports at all.
 *
 * Why not json-logic-js itself: a rule built only from its standard operators can do exponential
 * work (`reduce` that `merge`s the accumulator with itself doubles an array per item: 30 items
 * exhaust the heap), and its structured operators (`map`, `reduce`, `if`, …) are hard-wired in its
 * `apply`, so `add_operation` cannot count them. This evaluator implements exactly the allowed
 * operators with json-logic-js 2.0.5's results (logic.test.ts compares the two on a table of
 * cases) and charges every step:
 *
 * - one step per node evaluated, including each iteration of map/filter/reduce/all/some/none;
 * - one step per element an operation copies, scans or converts (merge, in, literal arrays, the
 *   array-to-string conversions that `==`, `<`, `cat`, `+` … perform as JavaScript does);
 * - one step per 64 characters of text produced or searched;
 * - sizes: arrays it produces, strings it produces, nesting of rules and values.
 *
 * Exceeding any limit throws LogicBudgetError: the caller refuses what the rule was deciding.
 *
 * Deliberate differences from json-logic-js, all in cases no sensible rule meets: `var` reads only
 * the data's own fields (plus `length` and indices of arrays and strings), never inherited
 * properties such as `constructor`; `in` looks only into strings and arrays; `missing_some` does
 * not evaluate its already-evaluated key list a second time.
 */

/** Operators a rule may use: json-logic-js's standard set minus `log` (console) and `method` (calls methods). */
export const LOGIC_OPERATORS: ReadonlySet<string> = new Set([
  'var', 'missing', 'missing_some',
  'if', '?:', 'and', 'or', '!', '!!',
  '==', '===', '!=', '!==', '>', '>=', '<', '<=',
  '+', '-', '*', '/', '%', 'min', 'max',
  'in', 'cat', 'substr', 'merge',
  'map', 'filter', 'reduce', 'all', 'none', 'some',
]);

export interface LogicLimits {
  /** Work units per evaluation (see the module comment for what counts). */
  steps: number;
  /** Longest array an operation may produce. */
  arrayLength: number;
  /** Longest string an operation may produce. */
  stringLength: number;
  /** Deepest nesting of the rule, and of values converted to text. */
  depth: number;
}

/**
 * The defaults: a guard on realistic data (a household of 20 members, a dozen conditions) takes a
 * few hundred steps; 100,000 steps take a few milliseconds.
 */
export const LOGIC_LIMITS: Readonly<LogicLimits> = Object.freeze({
  steps: 100_000,
  arrayLength: 10_000,
  stringLength: 10_000,
  depth: 64,
});

export type LogicLimit = keyof LogicLimits;

/** A rule went over its budget: whatever it was deciding must be refused, not guessed. */
export class LogicBudgetError extends Error {
  constructor(readonly limit: LogicLimit, readonly value: number) {
    super(`JSON Logic evaluation exceeded its ${limit} limit (${value})`);
    this.name = 'LogicBudgetError';
  }
}

/** A rule that cannot be evaluated (an operator outside the list, `*` without arguments). */
export class LogicError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LogicError';
  }
}

/** JSON Logic truthiness: an empty array is false, everything else as in JavaScript. */
export function truthy(value: unknown): boolean {
  if (Array.isArray(value) && value.length === 0) return false;
  return !!value;
}

/**
 * Evaluates `rule` over `data` within `limits`. Throws LogicBudgetError when a limit is hit and
 * LogicError for a rule that cannot be evaluated.
 */
export function evaluateLogic(rule: unknown, data: unknown, limits: LogicLimits = LOGIC_LIMITS): unknown {
  return new Evaluator(limits).apply(rule, data, 0);
}

/**
 * evaluateLogic, also answering the steps it took, so a caller running many rules (the computed
 * fields of a form, once per array element) can share one budget among them.
 */
export function evaluateLogicCounted(rule: unknown, data: unknown, limits: LogicLimits = LOGIC_LIMITS): { value: unknown; steps: number } {
  const evaluator = new Evaluator(limits);
  const value = evaluator.apply(rule, data, 0);
  return { value, steps: evaluator.used };
}

type Rec = Record<string, unknown>;
const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null;
const INDEX = /^(0|[1-9]\d*)$/;
const CHARS_PER_STEP = 64;

/** The only key of a one-key object, or undefined (without listing every key of a big object). */
function soleKey(o: object): string | undefined {
  let key: string | undefined;
  for (const k in o) {
    if (!Object.hasOwn(o, k)) continue;
    if (key !== undefined) return undefined;
    key = k;
  }
  return key;
}

class Evaluator {
  private steps = 0;

  constructor(private readonly limits: LogicLimits) {}

  get used(): number {
    return this.steps;
  }

  private charge(n: number): void {
    this.steps += n;
    if (this.steps > this.limits.steps) throw new LogicBudgetError('steps', this.limits.steps);
  }

  private chargeText(length: number): void {
    this.charge(Math.ceil(length / CHARS_PER_STEP));
  }

  private checkArray(length: number): void {
    if (length > this.limits.arrayLength) throw new LogicBudgetError('arrayLength', this.limits.arrayLength);
  }

  private checkString(length: number): void {
    if (length > this.limits.stringLength) throw new LogicBudgetError('stringLength', this.limits.stringLength);
  }

  apply(logic: unknown, data: unknown, depth: number): unknown {
    this.charge(1);
    if (depth > this.limits.depth) throw new LogicBudgetError('depth', this.limits.depth);
    if (Array.isArray(logic)) {
      this.checkArray(logic.length);
      return logic.map((l) => this.apply(l, data, depth + 1));
    }
    if (!isObject(logic)) return logic;
    const op = soleKey(logic);
    if (op === undefined) return logic; // not an operation: a literal, as json-logic-js treats it
    const raw = (logic as Rec)[op];
    const values: unknown[] = Array.isArray(raw) ? raw : [raw];
    const next = depth + 1;

    switch (op) {
      case 'if':
      case '?:': {
        let i = 0;
        for (; i < values.length - 1; i += 2) {
          if (truthy(this.apply(values[i], data, next))) return this.apply(values[i + 1], data, next);
        }
        return values.length === i + 1 ? this.apply(values[i], data, next) : null;
      }
      case 'and':
      case 'or': {
        let current: unknown;
        for (const v of values) {
          current = this.apply(v, data, next);
          if (truthy(current) === (op === 'or')) return current;
        }
        return current;
      }
      case 'filter':
      case 'map':
      case 'all':
      case 'none':
      case 'some':
        return this.iterate(op, values, data, next);
      case 'reduce': {
        const scoped = this.apply(values[0], data, next);
        const initial = values[2] !== undefined ? this.apply(values[2], data, next) : null;
        if (!Array.isArray(scoped)) return initial;
        let accumulator = initial;
        for (const current of scoped) accumulator = this.apply(values[1], { current, accumulator }, next);
        return accumulator;
      }
    }
    if (!LOGIC_OPERATORS.has(op)) throw new LogicError(`Unrecognized operation ${op}`);
    this.checkArray(values.length);
    const args = values.map((v) => this.apply(v, data, next));
    return this.operate(op, args, data);
  }

  private iterate(op: 'filter' | 'map' | 'all' | 'none' | 'some', values: unknown[], data: unknown, depth: number): unknown {
    const scoped = this.apply(values[0], data, depth);
    const logic = values[1];
    if (!Array.isArray(scoped)) return op === 'filter' || op === 'map' ? [] : op === 'none';
    if (scoped.length === 0) return op === 'filter' || op === 'map' ? [] : op === 'none';
    if (op === 'map' || op === 'filter') this.checkArray(scoped.length);
    switch (op) {
      case 'map':
        return scoped.map((item) => this.apply(logic, item, depth));
      case 'filter':
        return scoped.filter((item) => truthy(this.apply(logic, item, depth)));
      case 'all':
        return scoped.every((item) => truthy(this.apply(logic, item, depth)));
      case 'some':
        return scoped.some((item) => truthy(this.apply(logic, item, depth)));
      case 'none':
        return !scoped.some((item) => truthy(this.apply(logic, item, depth)));
    }
  }

  private operate(op: string, args: unknown[], data: unknown): unknown {
    const [a, b, c] = args;
    switch (op) {
      case '==':
        return this.looseEquals(a, b);
      case '!=':
        return !this.looseEquals(a, b);
      case '===':
        return a === b;
      case '!==':
        return a !== b;
      case '>':
        return (this.primitive(a) as number) > (this.primitive(b) as number);
      case '>=':
        return (this.primitive(a) as number) >= (this.primitive(b) as number);
      case '<':
      case '<=': {
        const less = (x: unknown, y: unknown) => {
          const px = this.primitive(x) as number;
          const py = this.primitive(y) as number;
          return op === '<' ? px < py : px <= py;
        };
        return c === undefined ? less(a, b) : less(a, b) && less(b, c);
      }
      case '!!':
        return truthy(a);
      case '!':
        return !truthy(a);
      case '%':
        return (this.primitive(a) as number) % (this.primitive(b) as number);
      case '/':
        return (this.primitive(a) as number) / (this.primitive(b) as number);
      case '-':
        return b === undefined ? -(this.primitive(a) as number) : (this.primitive(a) as number) - (this.primitive(b) as number);
      case '+':
        return args.reduce<number>((sum, x) => sum + parseFloat(this.text(x)), 0);
      case '*': {
        if (args.length === 0) throw new LogicError('"*" needs at least one argument');
        if (args.length === 1) return args[0];
        let product = parseFloat(this.text(args[0]));
        for (const x of args.slice(1)) product *= parseFloat(this.text(x));
        return product;
      }
      case 'min':
        return Math.min(...args.map((x) => this.primitive(x) as number));
      case 'max':
        return Math.max(...args.map((x) => this.primitive(x) as number));
      case 'in':
        return this.contains(a, b);
      case 'cat': {
        let out = '';
        for (const x of args) {
          out += x === null || x === undefined ? '' : this.text(x);
          this.checkString(out.length);
        }
        this.chargeText(out.length);
        return out;
      }
      case 'substr': {
        const source = this.text(a);
        const start = this.primitive(b) as number;
        const end = this.primitive(c) as number;
        let out: string;
        if (end < 0) {
          const rest = source.substr(start);
          out = rest.substr(0, rest.length + end);
        } else {
          out = source.substr(start, end);
        }
        this.chargeText(out.length);
        return out;
      }
      case 'merge': {
        const length = args.reduce<number>((n, x) => n + (Array.isArray(x) ? x.length : 1), 0);
        this.checkArray(length);
        this.charge(length);
        const out: unknown[] = [];
        for (const x of args) {
          if (Array.isArray(x)) for (const item of x) out.push(item);
          else out.push(x);
        }
        return out;
      }
      case 'var':
        return this.lookup(a, b, data);
      case 'missing':
        return this.missing(Array.isArray(a) ? a : args, data);
      case 'missing_some': {
        const options = b;
        const keys = Array.isArray(options) ? (Array.isArray(options[0]) ? options[0] : options) : [options];
        const missing = this.missing(keys, data);
        const count = Array.isArray(options) || typeof options === 'string' ? options.length : undefined;
        return (count as number) - missing.length >= (this.primitive(a) as number) ? [] : missing;
      }
      default:
        throw new LogicError(`Unrecognized operation ${op}`);
    }
  }

  /** `{"var": key}` / `{"var": [key, default]}`: a dotted path into the data's own fields. */
  private lookup(key: unknown, fallback: unknown, data: unknown): unknown {
    const notFound = fallback === undefined ? null : fallback;
    if (key === undefined || key === null || key === '') return data;
    const parts = this.text(key).split('.');
    this.charge(parts.length);
    let current = data;
    for (const part of parts) {
      if (current === null || current === undefined) return notFound;
      current = ownField(current, part);
      if (current === undefined) return notFound;
    }
    return current;
  }

  private missing(keys: readonly unknown[], data: unknown): unknown[] {
    this.charge(keys.length);
    const out: unknown[] = [];
    for (const key of keys) {
      const value = this.lookup(key, undefined, data);
      if (value === null || value === '') out.push(key);
    }
    return out;
  }

  private contains(needle: unknown, haystack: unknown): boolean {
    if (!haystack) return false;
    if (typeof haystack === 'string') {
      this.chargeText(haystack.length);
      return haystack.indexOf(this.text(needle)) !== -1;
    }
    if (Array.isArray(haystack)) {
      this.charge(haystack.length);
      return haystack.indexOf(needle) !== -1;
    }
    return false;
  }

  /** JavaScript's `==`, with objects converted to text under the budget. */
  private looseEquals(a: unknown, b: unknown): boolean {
    if (isObject(a) && isObject(b)) return a === b;
    if (a === null || a === undefined || b === null || b === undefined) return a == b;
    // eslint-disable-next-line eqeqeq -- JSON Logic's "==" is JavaScript's loose equality
    return this.primitive(a) == this.primitive(b);
  }

  /** ToPrimitive as JavaScript applies it to JSON values: arrays and objects become text. */
  private primitive(value: unknown): unknown {
    return isObject(value) ? this.text(value) : value;
  }

  /** String(value), counted: an array is joined with commas, its null/undefined items as "". */
  private text(value: unknown, level = 0): string {
    if (typeof value === 'string') return value;
    if (!isObject(value)) return String(value);
    if (!Array.isArray(value)) return '[object Object]';
    if (level > this.limits.depth) throw new LogicBudgetError('depth', this.limits.depth);
    this.charge(value.length);
    let out = '';
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (i > 0) out += ',';
      if (item !== null && item !== undefined) out += this.text(item, level + 1);
      this.checkString(out.length);
    }
    this.chargeText(out.length);
    return out;
  }
}

/** An own field of a JSON value: object keys, array indices and `length`, string indices and `length`. */
function ownField(value: unknown, key: string): unknown {
  if (typeof value === 'string' || Array.isArray(value)) {
    if (key === 'length') return value.length;
    return INDEX.test(key) ? (value as ArrayLike<unknown>)[Number(key)] : undefined;
  }
  if (isObject(value)) return Object.hasOwn(value, key) ? (value as Rec)[key] : undefined;
  return undefined;
}
