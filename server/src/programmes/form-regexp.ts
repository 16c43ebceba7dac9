/**
 * The pattern engine of programme forms: `pattern` and `patternProperties` run on RE2 (re2js, a
 * pure-JavaScript port), whose matching time is linear in the input. JavaScript's own RegExp
 * backtracks: `^(a+)+$` against 26 characters blocked the server for 14.6 s.
 *
 * Isomorphic (server and browser give the same answers): it imports only re2js.
 *
 * A pattern must be valid ECMAScript (what JSON Schema says a pattern is) AND compile on RE2, so
 * backreferences and lookarounds are refused when a programme is saved. Where the two dialects
 * differ in meaning, the pattern is rewritten to JavaScript's: `\s` and `\S` cover Unicode white
 * space (the ideographic space U+3000 included) and `.` stops at every line terminator.
 */
import { RE2JS } from 're2js';

/** Longest pattern, in characters. */
export const MAX_PATTERN_LENGTH = 1000;
/** Largest compiled RE2 program: matching costs up to this much per input character. */
export const MAX_PATTERN_PROGRAM = 2000;

// JavaScript's WhiteSpace and LineTerminator code points, as class members (\u escapes, valid in
// JavaScript's u mode, which re2js's translator turns into \x{...}).
const SPACE_MEMBERS = '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
// Everything else, as ranges: `\S` inside a class, where a negated class cannot nest.
const NON_SPACE_MEMBERS =
  '\\u{0}-\\u{8}\\u{e}-\\u{1f}\\u{21}-\\u{9f}\\u{a1}-\\u{167f}\\u{1681}-\\u{1fff}\\u{200b}-\\u{2027}' +
  '\\u{202a}-\\u{202e}\\u{2030}-\\u{205e}\\u{2060}-\\u{2fff}\\u{3001}-\\u{fefe}\\u{ff00}-\\u{10ffff}';
const DOT = '[^\\n\\r\\u2028\\u2029]';

/** Rewrites the constructs whose meaning differs between JavaScript and RE2 (see the module comment). */
export function toJavaScriptMeaning(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) {
      const next = pattern[i + 1]!;
      i++;
      // re2js's translator would read `\k<name>` as the letter k: a named backreference is refused.
      if (next === 'k') throw new SyntaxError('backreferences are not supported');
      if (next === 's') out += inClass ? SPACE_MEMBERS : `[${SPACE_MEMBERS}]`;
      else if (next === 'S') out += inClass ? NON_SPACE_MEMBERS : `[^${SPACE_MEMBERS}]`;
      else out += ch + next;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
    } else if (ch === '[') {
      inClass = true;
      // `[]` and `[^]`: their first `]` is part of them, not the end of another class.
      if (pattern[i + 1] === ']' || (pattern[i + 1] === '^' && pattern[i + 2] === ']')) {
        const end = pattern.indexOf(']', i + 1);
        out += pattern.slice(i, end + 1);
        i = end;
        inClass = false;
        continue;
      }
    } else if (ch === '.') {
      out += DOT;
      continue;
    }
    out += ch;
  }
  return out;
}

// Compiled programs by pattern. A program is immutable and `test` keeps no state, so the check,
// the strict compile and every form's validator share one (compiling costs ~5 µs per instruction).
const compiledPatterns = new Map<string, RE2JS>();
const MAX_CACHED_PATTERNS = 2000;

/** Compiles a pattern on RE2 with JavaScript's meaning; throws on what RE2 cannot run. */
function compileLinear(pattern: string): RE2JS {
  let re = compiledPatterns.get(pattern);
  if (!re) {
    re = RE2JS.compile(RE2JS.translateRegExp(toJavaScriptMeaning(pattern)));
    if (compiledPatterns.size >= MAX_CACHED_PATTERNS) compiledPatterns.delete(compiledPatterns.keys().next().value!);
    compiledPatterns.set(pattern, re);
  }
  return re;
}

export interface PatternAnalysis {
  /** Why the pattern is refused (English), when it is. */
  problem?: string;
  /** Instructions of its RE2 program: what matching costs per input character, and compiling once. */
  size: number;
}

/**
 * Whether a form pattern is usable: valid JavaScript, nothing RE2 cannot run in linear time
 * (backreferences, lookahead, lookbehind), not too big.
 */
export function analysePattern(pattern: string): PatternAnalysis {
  if (pattern.length > MAX_PATTERN_LENGTH) return { problem: `longer than ${MAX_PATTERN_LENGTH} characters`, size: 0 };
  try {
    new RegExp(pattern, 'u');
  } catch {
    return { problem: 'not a valid regular expression', size: 0 };
  }
  let compiled: RE2JS;
  try {
    compiled = compileLinear(pattern);
  } catch {
    return {
      problem: 'uses a construct the linear-time engine cannot run (backreferences such as \\1, lookahead (?=…) (?!…), lookbehind (?<=…) (?<!…), or a repeat over 1000)',
      size: 0,
    };
  }
  const size = compiled.programSize();
  if (size > MAX_PATTERN_PROGRAM) return { problem: `too complex (its program has more than ${MAX_PATTERN_PROGRAM} instructions)`, size };
  return { size };
}

/** Why a form pattern is refused (English), or undefined when it is usable (analysePattern). */
export function patternProblem(pattern: string): string | undefined {
  return analysePattern(pattern).problem;
}

/** What ajv needs of a regular expression: `test`, and a `toString` that tells patterns apart (its cache key). */
export interface LinearRegExp {
  test(input: string): boolean;
  toString(): string;
}

/**
 * ajv's `code.regExp` engine: `new Ajv({ code: { regExp: linearRegExp } })`. Throws (so compiling
 * fails) for a pattern RE2 cannot run; checkFormSchema refuses those before anything compiles.
 */
export const linearRegExp = Object.assign(
  (pattern: string, _flags: string): LinearRegExp => {
    const re = compileLinear(pattern);
    return { test: (input: string) => re.test(input), toString: () => `/${pattern}/re2` };
  },
  // Only read by ajv's standalone code generation, which the platform does not use.
  { code: 'linearRegExp' },
);
