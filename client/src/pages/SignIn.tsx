import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { errorText, useI18n } from '../i18n';
import { ApiError } from '../api';
import { useSession } from '../session';
import { Link, navigate, Redirect, useLocation } from '../router';

export default function SignIn() {
  const { t, lang } = useI18n();
  const { user, signIn } = useSession();
  const { query } = useLocation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const next = query.get('next');
  const target = next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
  if (user) return <Redirect to={target} />;

  async function onFinish(v: { username: string; password: string }) {
    setBusy(true);
    setError(null);
    try {
      await signIn(v.username.trim(), v.password);
      navigate(target, { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="signin">
      <Card className="signin-card">
        <Typography.Title level={3}>{t('signin.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('signin.subtitle')}</Typography.Paragraph>
        {error != null && (
          <Alert
            type="error"
            showIcon
            // A refused sign-in is UNAUTHENTICATED like an expired session (subCode BAD_CREDENTIALS): say what it means here.
            title={error instanceof ApiError && error.code === 'UNAUTHENTICATED' ? t('signin.wrong') : errorText(t, lang, error)}
            style={{ marginBottom: 16 }}
            role="alert"
          />
        )}
        <Form layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item name="username" label={t('signin.username')} rules={[{ required: true, message: t('signin.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item name="password" label={t('signin.password')} rules={[{ required: true, message: t('signin.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            {t('signin.submit')}
          </Button>
        </Form>
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
          <Link to="/public">{t('signin.publicLink')}</Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
