import { Component, type ReactNode } from 'react';
import { Result, Button } from 'antd';
import { useI18n } from '../i18n';

function Fallback({ onRetry }: { onRetry(): void }) {
  const { t } = useI18n();
  return (
    <Result
      status="error"
      title={t('error.pageCrashed')}
      subTitle={t('error.pageCrashedHint')}
      extra={<Button onClick={onRetry}>{t('common.retry')}</Button>}
    />
  );
}

/** A failing page shows a sentence, not a stack trace (the console keeps the detail). */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  componentDidCatch(error: unknown) {
    console.error(error);
  }
  render() {
    if (this.state.failed) return <Fallback onRetry={() => location.reload()} />;
    return this.props.children;
  }
}
