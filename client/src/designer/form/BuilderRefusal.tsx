/**
 * Whether the visual builder may open the current form, and the notice when it may not: a form
 * with keywords the builder cannot represent stays in the JSON editor, so saving from the builder
 * can never drop them.
 */
import { Alert } from 'antd';
import { fromSchema } from './from-schema';
import { useI18n } from '../../i18n';

interface Parsed {
  value?: unknown;
  error?: unknown;
}

/** null when the builder can open the form; otherwise what stands in the way (JSON pointers). */
export function builderRefusal(form: Parsed, ui: Parsed): string[] | null {
  if (form.error || ui.error) return ['JSON'];
  const { unsupported } = fromSchema(form.value, ui.value ?? {});
  return unsupported.length ? unsupported : null;
}

export function BuilderRefusal({ pointers, onClose }: { pointers: string[]; onClose: () => void }) {
  const { t } = useI18n();
  const syntax = pointers.length === 1 && pointers[0] === 'JSON';
  return (
    <Alert
      type="info"
      showIcon
      closable
      onClose={onClose}
      role="status"
      style={{ marginBottom: 8 }}
      title={syntax ? t('fb.fixJsonFirst') : t('fb.cannotOpen')}
      description={
        syntax ? undefined : (
          <>
            {t('fb.cannotOpenWhy')}
            <ul className="check-list">
              {pointers.slice(0, 12).map((p) => (
                <li key={p}>
                  <code>{p || '/'}</code>
                </li>
              ))}
              {pointers.length > 12 && <li>{t('fb.andMore', { n: pointers.length })}</li>}
            </ul>
          </>
        )
      }
    />
  );
}
