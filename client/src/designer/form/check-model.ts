/**
 * What the builder checks itself, live, before the server's `checkFormSchema` sees the result:
 * mistakes a point-and-click edit can make (a renamed or deleted field still named by a condition
 * or a formula, a clashing key, a choice without options). Messages in both languages.
 */
import { isNumeric, KEY_RE, type Field, type FormModel } from './field-model';
import { decompileFormula } from './formula';

export interface ModelProblem {
  fieldId: string;
  zh: string;
  en: string;
}

/** Number fields a formula in this container may read: siblings and (outside tables) every number field of the form by dotted path. */
export function numberFieldsInScope(model: FormModel, containerFields: readonly Field[], inTable: boolean): { path: string; field: Field }[] {
  if (inTable) return containerFields.filter(isNumeric).map((field) => ({ path: field.key, field }));
  const out: { path: string; field: Field }[] = [];
  const walk = (fields: readonly Field[], prefix: string) => {
    for (const f of fields) {
      if (isNumeric(f)) out.push({ path: prefix + f.key, field: f });
      if (f.kind === 'section' && f.fields) walk(f.fields, `${prefix}${f.key}.`);
    }
  };
  walk(model.fields, '');
  return out;
}

export function checkModel(model: FormModel): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const add = (f: Field, zh: string, en: string) => problems.push({ fieldId: f.id, zh, en });

  const visit = (fields: readonly Field[], inTable: boolean) => {
    const keys = new Map<string, number>();
    for (const f of fields) keys.set(f.key, (keys.get(f.key) ?? 0) + 1);
    const base = new Map(fields.filter((f) => !f.visibleWhen).map((f) => [f.key, f]));
    for (const f of fields) {
      const name = f.title || f.key;
      if (!KEY_RE.test(f.key)) add(f, `「${name}」的字段标识须以字母开头，只含字母、数字和下划线`, `"${name}": the key must start with a letter and hold only letters, digits and _`);
      if ((keys.get(f.key) ?? 0) > 1) add(f, `字段标识「${f.key}」重复`, `the key "${f.key}" is used twice`);
      for (const [cond, zhWhat, enWhat] of [
        [f.visibleWhen, '显示条件', 'visibility condition'],
        [f.requiredWhen, '必填条件', 'required-when condition'],
      ] as const) {
        if (!cond) continue;
        const target = base.get(cond.field);
        if (!target) add(f, `「${name}」的${zhWhat}引用的字段「${cond.field}」已不存在（或本身有显示条件）`, `"${name}": the ${enWhat} names field "${cond.field}", which no longer exists (or is itself conditional)`);
        else if (target.id === f.id) add(f, `「${name}」的${zhWhat}不能引用自身`, `"${name}": the ${enWhat} cannot name the field itself`);
      }
      if ((f.kind === 'choice' || f.kind === 'multichoice') && !(f.options ?? []).length) add(f, `「${name}」还没有选项`, `"${name}" has no options`);
      if (f.kind === 'choice' || f.kind === 'multichoice') {
        const values = (f.options ?? []).map((o) => JSON.stringify(o.value));
        if (new Set(values).size !== values.length) add(f, `「${name}」的选项值重复`, `"${name}" repeats an option value`);
      }
      if (f.kind === 'computed') {
        if (f.compute === undefined || f.compute === null) add(f, `「${name}」还没有计算公式`, `"${name}" has no formula`);
        const tokens = f.compute !== undefined ? decompileFormula(f.compute) : null;
        if (tokens) {
          const scope = new Set(numberFieldsInScope(model, fields, inTable).map((x) => x.path));
          for (const t of tokens) {
            if ('var' in t.operand && !scope.has(t.operand.var)) add(f, `「${name}」的公式引用的数字字段「${t.operand.var}」不存在`, `"${name}": the formula reads number field "${t.operand.var}", which does not exist`);
          }
        }
      }
      if (f.public && (f.kind === 'idcard' || f.kind === 'mobile') && !f.mask) add(f, `「${name}」公示时须设置脱敏方式`, `"${name}" is public: choose a mask`);
      if (f.fields) visit(f.fields, inTable || f.kind === 'table');
    }
  };
  visit(model.fields, false);
  return problems;
}
