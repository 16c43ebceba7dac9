/**
 * The bell in the header: the unread count (polled every minute while the tab is visible, and on
 * return to it), and a drawer with the notifications, newest first. Opening one marks it read and
 * goes to its case or import. A drawer rather than a popover so it also fits a 390 px phone.
 */
import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Drawer, Empty, List, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useI18n } from '../i18n';
import { request } from '../api';
import { navigate } from '../router';
import { MarkNotificationsReadDocument, NotificationsDocument, UnreadCountDocument, type NotificationView } from './queries';

const POLL_MS = 60_000;
const PAGE = 20;

export function NotificationBell() {
  const { t, lang } = useI18n();
  const [count, setCount] = useState(0);
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<NotificationView[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const refreshCount = useCallback(() => {
    if (document.visibilityState !== 'visible' || !navigator.onLine) return;
    request(UnreadCountDocument).then((d) => setCount(d.unreadNotificationCount), () => undefined);
  }, []);
  useEffect(() => {
    refreshCount();
    const timer = setInterval(refreshCount, POLL_MS);
    document.addEventListener('visibilitychange', refreshCount);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', refreshCount);
    };
  }, [refreshCount]);

  async function load(after: string | null) {
    setLoading(true);
    try {
      const d = await request(NotificationsDocument, { first: PAGE, after });
      setItems((old) => (after ? [...old, ...d.notifications.nodes] : d.notifications.nodes));
      setNext(d.notifications.pageInfo.hasNextPage ? d.notifications.pageInfo.endCursor ?? null : null);
      setCount(d.unreadNotificationCount);
    } catch {
      // The drawer shows what it has; the next poll tries again.
    } finally {
      setLoading(false);
    }
  }

  async function markRead(ids: string[], all = false) {
    const now = new Date().toISOString();
    setItems((old) => old.map((n) => (all || ids.includes(n.id) ? { ...n, readAt: n.readAt ?? now } : n)));
    await request(MarkNotificationsReadDocument, { ids, all }).catch(() => undefined);
    refreshCount();
  }

  function openItem(n: NotificationView) {
    if (!n.readAt) void markRead([n.id]);
    setOpen(false);
    if (n.applicationId) navigate(`/applications/${n.applicationId}`);
    else if (n.importJobId) navigate(`/imports?job=${n.importJobId}`);
  }

  const label = count ? t('notify.bellUnread', { n: count >= 100 ? '99+' : count }) : t('notify.bell');
  return (
    <>
      <Badge count={count} overflowCount={99} size="small" offset={[-4, 4]}>
        <Button type="text" className="notification-bell" icon={<BellOutlined />} aria-label={label} title={label}
          onClick={() => { setOpen(true); void load(null); }} />
      </Badge>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('notify.title')}
        size={Math.min(420, typeof window === 'undefined' ? 420 : window.innerWidth)}
        extra={<Button size="small" disabled={!items.some((n) => !n.readAt)} onClick={() => void markRead([], true)}>{t('notify.markAll')}</Button>}
      >
        {items.length === 0 && !loading ? (
          <Empty description={t('notify.empty')} />
        ) : (
          <List
            className="notification-list"
            loading={loading && items.length === 0}
            dataSource={items}
            renderItem={(n) => (
              <List.Item className={n.readAt ? 'notification read' : 'notification unread'} onClick={() => openItem(n)}
                onKeyDown={(e) => { if (e.key === 'Enter') openItem(n); }} tabIndex={0} role="link">
                <List.Item.Meta
                  title={<>{!n.readAt && <Badge status="error" className="unread-dot" />}{lang === 'zh' ? n.title : n.titleEn}</>}
                  description={<Typography.Text type="secondary">{dayjs(n.createdAt).format('YYYY-MM-DD HH:mm')}</Typography.Text>}
                />
              </List.Item>
            )}
          />
        )}
        {next && <Button block loading={loading} onClick={() => void load(next)}>{t('notify.more')}</Button>}
      </Drawer>
    </>
  );
}
