/**
 * The computed field's formula: a row per term (operator, then a number field or a constant).
 * A rule the builder did not write (conditions, `reduce`, brackets) is shown and edited as JSON
 * Logic, so nothing a county wrote by hand is lost.
 */
import { useEffect, useState } from 'react';
import { Button, Input, InputNumber, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { compileFormula, decompileFormula, formulaText, OP_LABEL, type FormulaOp, type FormulaToken } from './formula';

export interface NumberChoice {
  path: string;
  title: string;
}

interface Props {
  rule: unknown;
  numbers: NumberChoice[];
  onChange: (rule: unknown) => void;
}

const OPS: FormulaOp[] = ['+', '-', '*', '/'];

export function FormulaEditor({ rule, numbers, onChange }: Props) {
  const tokens = rule === undefined ? [] : decompileFormula(rule);
  const [raw, setRaw] = useState(() => JSON.stringify(rule ?? null));
  const [rawError, setRawError] = useState('');
  useEffect(() => setRaw(JSON.stringify(rule ?? null)), [rule]);

  if (tokens === null) {
    return (
      <div>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
          这条规则不是简单的四则运算，按 JSON Logic 编辑（见 docs/form-keywords.md「计算字段」）：
        </Typography.Paragraph>
        <Input.TextArea
          aria-label="计算规则（JSON Logic）"
          value={raw}
          autoSize={{ minRows: 2, maxRows: 8 }}
          status={rawError ? 'error' : undefined}
          onChange={(e) => setRaw(e.target.value)}
          onBlur={() => {
            try {
              const v = JSON.parse(raw);
              if (typeof v !== 'object' || v === null) throw new Error('not an object');
              setRawError('');
              onChange(v);
            } catch {
              setRawError('不是有效的 JSON 对象');
            }
          }}
        />
        {rawError && <Typography.Text type="danger">{rawError}</Typography.Text>}
        <div>
          <Button size="small" type="link" onClick={() => onChange(undefined)}>改用公式编辑</Button>
        </div>
      </div>
    );
  }

  const titleOf = (path: string) => numbers.find((n) => n.path === path)?.title ?? path;
  const set = (next: FormulaToken[]) => onChange(next.length ? compileFormula(next) : undefined);
  const operandValue = (t: FormulaToken) => ('var' in t.operand ? `var:${t.operand.var}` : 'num');

  return (
    <div className="fb-formula">
      {tokens.map((t, i) => (
        <Space.Compact key={i} style={{ width: '100%', marginBottom: 4 }}>
          {i > 0 ? (
            <Select
              id={`fb-op-${i + 1}`}
              aria-label={`第 ${i + 1} 项运算符`}
              value={t.op ?? '+'}
              style={{ width: 64 }}
              options={OPS.map((op) => ({ value: op, label: OP_LABEL[op] }))}
              onChange={(op) => set(tokens.map((x, j) => (j === i ? { ...x, op } : x)))}
            />
          ) : (
            <span className="fb-formula-eq">=</span>
          )}
          <Select
            id={`fb-operand-${i + 1}`}
            aria-label={`第 ${i + 1} 项`}
            value={operandValue(t)}
            style={{ flex: 1, minWidth: 0 }}
            options={[...numbers.map((n) => ({ value: `var:${n.path}`, label: n.title })), { value: 'num', label: '常数' }]}
            onChange={(v: string) => set(tokens.map((x, j) => (j === i ? { ...x, operand: v === 'num' ? { num: 'num' in x.operand ? x.operand.num : 1 } : { var: v.slice(4) } } : x)))}
          />
          {'num' in t.operand && (
            <InputNumber
              aria-label={`第 ${i + 1} 项常数`}
              value={t.operand.num}
              style={{ width: 90 }}
              onChange={(n) => set(tokens.map((x, j) => (j === i ? { ...x, operand: { num: typeof n === 'number' ? n : 0 } } : x)))}
            />
          )}
          <Button aria-label={`删除第 ${i + 1} 项`} icon={<DeleteOutlined />} onClick={() => set(tokens.filter((_, j) => j !== i))} />
        </Space.Compact>
      ))}
      <Space wrap>
        <Button
          size="small"
          icon={<PlusOutlined />}
          onClick={() => set([...tokens, { ...(tokens.length ? { op: '+' as const } : {}), operand: numbers.length ? { var: numbers[0].path } : { num: 1 } }])}
        >
          {tokens.length ? '添加一项' : '开始编写公式'}
        </Button>
        {tokens.length > 0 && <Typography.Text type="secondary">{formulaText(tokens, titleOf)}</Typography.Text>}
      </Space>
    </div>
  );
}
