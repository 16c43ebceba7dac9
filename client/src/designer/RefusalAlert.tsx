/**
 * A designer page's refusal (a save or publish the server refused): its message, and each problem
 * with the place it names, in the screen's language.
 */
import { Alert } from 'antd';
import { ApiError } from '../api';
import { errorText, useI18n } from '../i18n';

export function RefusalAlert({ error, onClose, max = 20 }: { error: unknown; onClose: () => void; max?: number }) {
  const { t, lang } = useI18n();
  if (error == null) return null;
  const problems = (error instanceof ApiError && error.problems) || [];
  return (
    <Alert
      type="error"
      showIcon
      closable
      onClose={onClose}
      title={errorText(t, lang, error)}
      description={problems.length ? <ul className="check-list">{problems.slice(0, max).map((p, i) => <li key={i}><code>{p.path || '/'}</code> {lang === 'en' && p.messageEn ? p.messageEn : p.message}</li>)}</ul> : undefined}
      style={{ marginBottom: 12 }}
      role="alert"
    />
  );
}
