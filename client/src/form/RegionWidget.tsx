/**
 * rjsf widget `"ui:widget": "region"` for a string field: picks a township or village of the
 * administrative tree and stores its 12-digit code (pair it with `"pattern": "^[0-9]{12}$"`).
 */
import { Input } from 'antd';
import type { WidgetProps } from '@rjsf/utils';
import { RegionCascader } from '../components/RegionCascader';

export function RegionWidget({ id, value, onChange, disabled, readonly, placeholder, options }: WidgetProps) {
  if (disabled || readonly) return <Input id={id} value={typeof value === 'string' ? value : ''} disabled />;
  return (
    <RegionCascader
      id={id}
      value={typeof value === 'string' ? value : null}
      villagesOnly={options.villagesOnly === true}
      placeholder={placeholder || undefined}
      style={{ width: '100%' }}
      onChange={(code) => onChange(code ?? undefined)}
    />
  );
}
