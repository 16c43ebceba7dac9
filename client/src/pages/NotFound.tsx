import { Result } from 'antd';
import { useI18n } from '../i18n';
import { Link } from '../router';

export default function NotFound() {
  const { t } = useI18n();
  return <Result status="404" title={t('notFound.title')} extra={<Link to="/">{t('notFound.home')}</Link>} />;
}
