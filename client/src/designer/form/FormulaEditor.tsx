/**
 * The computed field's formula: a row per term (operator, then a number field or a constant).
 * A rule the builder did not write (conditions, `reduce`, brackets) is shown and edited as JSON
 * Logic, so nothing a county wrote by hand is lost.
 */
import { useEffect, useState } from 'react';
import { Button, Input, InputNumber, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
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
  const { t } = useI18n();
  const tokens = rule === undefined ? [] : decompileFormula(rule);
  const [raw, setRaw] = useState(() => JSON.stringify(rule ?? null));
  const [rawError, setRawError] = useState('');
  useEffect(() => setRaw(JSON.stringify(rule ?? null)), [rule]);

  if (tokens === null) {
    return (
      <div>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
          {t('fb.formulaRaw')}
        </Typography.Paragraph>
        <Input.TextArea
          aria-label={t('fb.formulaRawLabel')}
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
              setRawError(t('fb.notJsonObject'));
            }
          }}
        />
        {rawError && <Typography.Text type="danger">{rawError}</Typography.Text>}
        <div>
          <Button size="small" type="link" onClick={() => onChange(undefined)}>{t('fb.useBuilder')}</Button>
        </div>
      </div>
    );
  }

  const titleOf = (path: string) => numbers.find((n) => n.path === path)?.title ?? path;
  const set = (next: FormulaToken[]) => onChange(next.length ? compileFormula(next) : undefined);
  const operandValue = (t: FormulaToken) => ('var' in t.operand ? `var:${t.operand.var}` : 'num');

  return (
    <div className="fb-formula">
      {tokens.map((tok, i) => (
        <Space.Compact key={i} style={{ width: '100%', marginBottom: 4 }}>
          {i > 0 ? (
            <Select
              id={`fb-op-${i + 1}`}
              aria-label={t('fb.termOp', { n: i + 1 })}
              value={tok.op ?? '+'}
              style={{ width: 64 }}
              options={OPS.map((op) => ({ value: op, label: OP_LABEL[op] }))}
              onChange={(op) => set(tokens.map((x, j) => (j === i ? { ...x, op } : x)))}
            />
          ) : (
            <span className="fb-formula-eq">=</span>
          )}
          <Select
            id={`fb-operand-${i + 1}`}
            aria-label={t('fb.term', { n: i + 1 })}
            value={operandValue(tok)}
            style={{ flex: 1, minWidth: 0 }}
            options={[...numbers.map((n) => ({ value: `var:${n.path}`, label: n.title })), { value: 'num', label: t('fb.constant') }]}
            onChange={(v: string) => set(tokens.map((x, j) => (j === i ? { ...x, operand: v === 'num' ? { num: 'num' in x.operand ? x.operand.num : 1 } : { var: v.slice(4) } } : x)))}
          />
          {'num' in tok.operand && (
            <InputNumber
              aria-label={t('fb.termConst', { n: i + 1 })}
              value={tok.operand.num}
              style={{ width: 90 }}
              onChange={(n) => set(tokens.map((x, j) => (j === i ? { ...x, operand: { num: typeof n === 'number' ? n : 0 } } : x)))}
            />
          )}
          <Button aria-label={t('fb.removeTerm', { n: i + 1 })} icon={<DeleteOutlined />} onClick={() => set(tokens.filter((_, j) => j !== i))} />
        </Space.Compact>
      ))}
      <Space wrap>
        <Button
          size="small"
          icon={<PlusOutlined />}
          onClick={() => set([...tokens, { ...(tokens.length ? { op: '+' as const } : {}), operand: numbers.length ? { var: numbers[0].path } : { num: 1 } }])}
        >
          {tokens.length ? t('fb.addTerm') : t('fb.startFormula')}
        </Button>
        {tokens.length > 0 && <Typography.Text type="secondary">{formulaText(tokens, titleOf)}</Typography.Text>}
      </Space>
    </div>
  );
}
