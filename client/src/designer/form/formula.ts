/**
 * The formula builder behind computed fields: a flat sequence "A × 12 + B − C ÷ 2" over number
 * fields and constants, with the usual precedence (× ÷ before + −, left to right), compiled to the
 * JSON Logic `x-compute` runs. A rule that is not such a sequence (conditions, `reduce`, brackets)
 * stays as JSON Logic and is edited as text.
 */

export type FormulaOp = '+' | '-' | '*' | '/';
export type Operand = { var: string } | { num: number };
export interface FormulaToken {
  /** the operator before this operand; absent on the first */
  op?: FormulaOp;
  operand: Operand;
}

export const OP_LABEL: Record<FormulaOp, string> = { '+': '+', '-': '−', '*': '×', '/': '÷' };

type Logic = unknown;

const leaf = (o: Operand): Logic => ('var' in o ? { var: o.var } : o.num);

/** Folds `a op b op c` left to right; consecutive `+` (or `*`) share one variadic node, as people write them. */
function fold(items: Logic[], ops: FormulaOp[]): Logic {
  let acc = items[0];
  for (let i = 1; i < items.length; i++) {
    const op = ops[i - 1];
    const prev = acc as Record<string, Logic[]>;
    if ((op === '+' || op === '*') && i > 1 && ops[i - 2] === op && Array.isArray(prev[op])) {
      acc = { [op]: [...prev[op], items[i]] };
    } else {
      acc = { [op]: [acc, items[i]] };
    }
  }
  return acc;
}

/** JSON Logic for the sequence; throws on an empty sequence. */
export function compileFormula(tokens: readonly FormulaToken[]): Logic {
  if (tokens.length === 0) throw new Error('empty formula');
  const terms: Logic[] = [];
  const addOps: FormulaOp[] = [];
  let factors: Logic[] = [leaf(tokens[0].operand)];
  let mulOps: FormulaOp[] = [];
  for (const t of tokens.slice(1)) {
    const op = t.op ?? '+';
    if (op === '*' || op === '/') {
      factors.push(leaf(t.operand));
      mulOps.push(op);
    } else {
      terms.push(fold(factors, mulOps));
      addOps.push(op);
      factors = [leaf(t.operand)];
      mulOps = [];
    }
  }
  terms.push(fold(factors, mulOps));
  return fold(terms, addOps);
}

function flatten(rule: Logic): FormulaToken[] | null {
  if (typeof rule === 'number' && Number.isFinite(rule)) return [{ operand: { num: rule } }];
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return null;
  const keys = Object.keys(rule);
  if (keys.length !== 1) return null;
  const op = keys[0];
  const args = (rule as Record<string, unknown>)[op];
  if (op === 'var') return typeof args === 'string' && args !== '' ? [{ operand: { var: args } }] : null;
  if (!['+', '-', '*', '/'].includes(op) || !Array.isArray(args) || args.length < 2) return null;
  const out: FormulaToken[] = [];
  for (const [i, a] of args.entries()) {
    const inner = flatten(a);
    if (!inner) return null;
    if (i > 0) inner[0] = { ...inner[0], op: op as FormulaOp };
    out.push(...inner);
  }
  return out;
}

/**
 * The sequence a rule was compiled from, or null when the rule is anything else. Exact: a rule is
 * accepted only if compiling the sequence gives it back unchanged (so `(a + b) × c` is refused).
 */
export function decompileFormula(rule: Logic): FormulaToken[] | null {
  const tokens = flatten(rule);
  if (!tokens) return null;
  return JSON.stringify(compileFormula(tokens)) === JSON.stringify(rule) ? tokens : null;
}

/** "月收入 × 12" for display, with field keys turned into titles by `titleOf`. */
export function formulaText(tokens: readonly FormulaToken[], titleOf: (key: string) => string): string {
  return tokens.map((t) => `${t.op ? ` ${OP_LABEL[t.op]} ` : ''}${'var' in t.operand ? titleOf(t.operand.var) : t.operand.num}`).join('');
}
