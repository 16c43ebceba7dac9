/** A JSON editor without a dependency: monospace textarea, line numbers, parse errors, format. */
import { useMemo, useRef } from 'react';
import { Button, Space, Typography } from 'antd';
import { useI18n } from '../i18n';
import { parseJson } from './parse-json';

export { parseJson };

export function CodeEditor({ id, value, onChange, label, rows = 24 }: { id: string; value: string; onChange(v: string): void; label: string; rows?: number }) {
  const { t } = useI18n();
  const gutter = useRef<HTMLPreElement>(null);
  const parsed = useMemo(() => parseJson(value), [value]);
  const lines = value.split('\n').length;
  const numbers = useMemo(() => Array.from({ length: lines }, (_, i) => i + 1).join('\n'), [lines]);

  return (
    <div>
      <div className={`code-editor${parsed.error ? ' invalid' : ''}`}>
        <pre className="code-gutter" ref={gutter} aria-hidden>
          {numbers}
        </pre>
        <textarea
          id={id}
          aria-label={label}
          aria-invalid={!!parsed.error}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          rows={rows}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          }}
        />
      </div>
      <Space style={{ marginTop: 6 }} wrap>
        <Button
          size="small"
          disabled={!!parsed.error || parsed.value === undefined}
          onClick={() => onChange(JSON.stringify(parsed.value, null, 2))}
        >
          {t('designer.format')}
        </Button>
        {parsed.error ? (
          <Typography.Text type="danger" role="status">
            {parsed.error.line ? t('designer.jsonErrorAt', { line: parsed.error.line, column: parsed.error.column ?? 1 }) : t('designer.jsonError')}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('designer.jsonOk', { lines })}</Typography.Text>
        )}
      </Space>
    </div>
  );
}
