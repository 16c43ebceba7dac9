/**
 * The app chrome: navigation, the signed-in user with roles and regions, language, sign out. Below
 * 768 px the links, the user and sign-out move into a drawer opened by the menu button, so nothing
 * runs off a phone's screen; on a desktop the links that do not fit go into 更多 (nav-fit.ts).
 * Links show only what the user's roles can use.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Button, Drawer, Dropdown, Grid, Layout, Segmented, Space, Tag, Typography } from 'antd';
import { DownOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { graphql } from '../graphql';
import { request } from '../api';
import { listForms } from '../offline/store';
import { useI18n, type MessageKey } from '../i18n';
import { useSession } from '../session';
import { Link, navigate, useLocation } from '../router';
import { useRegionNames } from '../regions';
import { NotificationBell } from '../notifications/NotificationBell';
import { OfflineBanner, PendingDrafts } from '../offline/PendingDrafts';
import { useOffline } from '../offline/OfflineProvider';
import { useNavFit } from './nav-fit';

interface NavItem {
  to: string;
  label: MessageKey;
  match: (path: string) => boolean;
  /**
   * admin: administrators and county administrators only (user administration); design: designers
   * and administrators; file: users whose roles file some programme (Programme.canFile); register:
   * users whose roles read some register (Register.canReadEntries)
   */
  show: 'staff' | 'all' | 'admin' | 'design' | 'file' | 'register';
}
const nav: NavItem[] = [
  { to: '/', label: 'nav.inbox', match: (p) => p === '/' || p === '/tasks', show: 'staff' },
  { to: '/applications', label: 'nav.applications', match: (p) => p === '/applications' || (p.startsWith('/applications/') && p !== '/applications/new'), show: 'staff' },
  { to: '/applications/new', label: 'nav.newApplication', match: (p) => p === '/applications/new', show: 'file' },
  { to: '/registers', label: 'nav.registers', match: (p) => p.startsWith('/registers'), show: 'register' },
  { to: '/quality', label: 'nav.quality', match: (p) => p.startsWith('/quality'), show: 'staff' },
  { to: '/imports', label: 'nav.imports', match: (p) => p.startsWith('/imports'), show: 'staff' },
  { to: '/designer', label: 'nav.designer', match: (p) => p.startsWith('/designer'), show: 'design' },
  { to: '/reports', label: 'nav.reports', match: (p) => p.startsWith('/reports'), show: 'staff' },
  { to: '/admin/users', label: 'nav.admin', match: (p) => p.startsWith('/admin'), show: 'admin' },
  { to: '/public', label: 'nav.public', match: (p) => p === '/public' || p.startsWith('/public/print'), show: 'all' },
  { to: '/public/status', label: 'nav.status', match: (p) => p === '/public/status', show: 'all' },
];

const NavAccessDocument = graphql(`
  query NavAccess {
    programmes { key canFile }
    registers { key canReadEntries }
  }
`);
interface NavAccess {
  /** Some programme is the user's to file (Programme.canFile). */
  file: boolean;
  /** Some register's entries are the user's to read (Register.canReadEntries). */
  registers: boolean;
}
const NONE: NavAccess = { file: false, registers: false };
// Per signed-in user, one small query per session. Without a connection: filing where a
// programme's form is kept on the phone (offline drafts); the registers link stays.
const access = new Map<string, Promise<NavAccess>>();
export function useNavAccess(userId: string | undefined, online = true): NavAccess {
  const [can, setCan] = useState(NONE);
  useEffect(() => {
    if (!userId) return setCan(NONE);
    let p = access.get(userId);
    if (!p) {
      p = request(NavAccessDocument)
        .then((d) => ({ file: d.programmes.some((x) => x.canFile), registers: d.registers.some((x) => x.canReadEntries) }))
        .catch(async () => (access.delete(userId), { file: (await listForms(userId)).length > 0, registers: true }));
      access.set(userId, p);
    }
    let live = true;
    void p.then((v) => live && setCan(v));
    return () => {
      live = false;
    };
  }, [userId, online]);
  return can;
}

export const useCanFile = (userId: string | undefined, online = true): boolean => useNavAccess(userId, online).file;

/**
 * After an in-app navigation the element that had the focus (a link, the sign-in button) is gone:
 * move the focus to the new page's main region so that Tab goes on from the top of the page.
 * (Module state: the shell may remount between pages, e.g. behind the session's loading screen.)
 */
let focusedPath = location.pathname;
function useFocusMainOnNavigate(path: string) {
  useEffect(() => {
    if (path === focusedPath) return;
    focusedPath = path;
    const main = document.getElementById('main');
    if (main && !main.contains(document.activeElement)) main.focus({ preventScroll: true });
  }, [path]);
}

export function Shell({ children }: { children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  const { user, signOut } = useSession();
  const { path } = useLocation();
  useFocusMainOnNavigate(path);
  const names = useRegionNames(user?.roles.map((r) => r.regionCode) ?? []);
  const narrow = !Grid.useBreakpoint().md;
  const [drawer, setDrawer] = useState(false);
  useEffect(() => setDrawer(false), [path]);
  const { online } = useOffline();
  const can = useNavAccess(user?.id, online);

  const isUserAdmin = !!user?.roles.some((r) => r.role === 'admin' || r.role === 'county_admin');
  const isDesigner = !!user?.roles.some((r) => r.role === 'admin' || r.role === 'county_admin' || r.role === 'designer');
  const roleList = user?.roles.map((r) => `${r.roleTitle} · ${names[r.regionCode] ?? r.regionCode}`) ?? [];
  const shown = nav.filter(
    (n) => n.show === 'all' || (user && (n.show === 'staff' || (n.show === 'admin' && isUserAdmin) || (n.show === 'design' && isDesigner) || (n.show === 'file' && can.file) || (n.show === 'register' && can.registers))),
  );
  const links = shown.map((n) => (
    <Link key={n.to} to={n.to} className={n.match(path) ? 'active' : undefined} aria-current={n.match(path) ? 'page' : undefined}>
      {t(n.label)}
    </Link>
  ));
  // On a desktop the links that do not fit beside the user go into 更多 (nav-fit.ts).
  const [navEl, setNavEl] = useState<HTMLElement | null>(null);
  const fit = useNavFit(navEl, shown.length, lang);
  const overflow = shown.slice(fit);
  const desktopLinks = shown.map((n, i) => (
    <Link key={n.to} to={n.to} className={[n.match(path) ? 'active' : '', i >= fit ? 'nav-overflowed' : ''].join(' ').trim() || undefined}
      aria-current={n.match(path) ? 'page' : undefined} aria-hidden={i >= fit || undefined} tabIndex={i >= fit ? -1 : undefined}>
      {t(n.label)}
    </Link>
  ));
  const out = () => {
    signOut();
    access.clear();
    navigate('/login');
  };
  const language = (
    <Segmented
      size="small"
      value={lang}
      onChange={(v) => setLang(v as 'zh' | 'en')}
      options={[
        { label: '中文', value: 'zh' },
        { label: 'EN', value: 'en' },
      ]}
      aria-label={t('nav.language')}
    />
  );

  // One tree for both widths: the page keeps its place (and its unsaved state) when the window
  // crosses the narrow breakpoint (a phone turned sideways); only the header's parts differ.
  return (
    <Layout className={`shell${narrow ? ' shell-narrow' : ''}`}>
      <a className="skip-link" href="#main">{t('nav.skip')}</a>
      <Layout.Header className="shell-header">
        <Link to={user ? '/' : '/public'} className="brand">
          <span className="brand-mark" aria-hidden>助</span>
          <span className="brand-name">{t('app.title')}</span>
        </Link>
        {narrow ? (
          <>
            <Space size="small" className="shell-narrow-actions">
              {user && <PendingDrafts />}
              {user && online && <NotificationBell />}
              <Button className="menu-button" icon={<MenuOutlined />} onClick={() => setDrawer(true)} aria-expanded={drawer} aria-controls="nav-drawer">
                {t('nav.menu')}
              </Button>
            </Space>
            <Drawer
              id="nav-drawer"
              open={drawer}
              onClose={() => setDrawer(false)}
              placement="right"
              size={300}
              title={user ? user.displayName : t('app.title')}
              closeIcon={<span aria-label={t('nav.close')}>✕</span>}
              className="nav-drawer"
              // Sign-out in the drawer's footer: always on the screen, however many roles are listed.
              footer={
                user && (
                  <Button icon={<LogoutOutlined />} onClick={out} block>
                    {t('header.signOut')}
                  </Button>
                )
              }
            >
              {user && (
                <ul className="drawer-roles" aria-label={t('header.roles')}>
                  {roleList.map((r, i) => (
                    <li key={i}>{r}</li>
                  ))}
                </ul>
              )}
              <nav className="drawer-nav" aria-label={t('nav.label')}>{links}</nav>
              <div className="drawer-foot">
                {language}
                {!user && path !== '/login' && <Link to="/login" className="ant-btn ant-btn-primary signin-link">{t('header.signIn')}</Link>}
              </div>
            </Drawer>
          </>
        ) : (
          <>
            <nav className="shell-nav" ref={setNavEl} aria-label={t('nav.label')}>
              {desktopLinks}
              {overflow.length > 0 && (
                <Dropdown trigger={['click']} menu={{ selectedKeys: overflow.filter((n) => n.match(path)).map((n) => n.to), items: overflow.map((n) => ({ key: n.to, label: <Link to={n.to}>{t(n.label)}</Link> })) }}>
                  <Button type="text" className={`nav-more${overflow.some((n) => n.match(path)) ? ' active' : ''}`}>
                    {t('nav.more')} <DownOutlined />
                  </Button>
                </Dropdown>
              )}
            </nav>
            <Space className="shell-user" size="middle">
              {language}
              {user ? (
                <>
                  <PendingDrafts />
                  {online && <NotificationBell />}
                  <Dropdown
                    trigger={['click']}
                    menu={{
                      items: [
                        { key: 'h', type: 'group', label: t('header.roles'), children: roleList.map((r, i) => ({ key: `r${i}`, label: r })) },
                        { type: 'divider' },
                        { key: 'out', icon: <LogoutOutlined />, label: t('header.signOut'), onClick: out },
                      ],
                    }}
                  >
                    <Button type="text" className="user-button" icon={<UserOutlined />} aria-label={t('header.userMenu')}>
                      <span className="user-name">{user.displayName}</span>
                      <span className="user-roles">
                        {user.roles.slice(0, 2).map((r, i) => (
                          <Tag key={i} bordered={false} color="red">
                            {r.roleTitle} · {names[r.regionCode] ?? '…'}
                          </Tag>
                        ))}
                        {user.roles.length > 2 && <Tag bordered={false}>+{user.roles.length - 2}</Tag>}
                      </span>
                    </Button>
                  </Dropdown>
                  <Button icon={<LogoutOutlined />} onClick={out}>
                    {t('header.signOut')}
                  </Button>
                </>
              ) : (
                path !== '/login' && <Link to="/login" className="ant-btn ant-btn-primary signin-link">{t('header.signIn')}</Link>
              )}
            </Space>
          </>
        )}
      </Layout.Header>
      <OfflineBanner />
      <Layout.Content id="main" className="shell-main" tabIndex={-1}>
        {children}
      </Layout.Content>
      <Layout.Footer className="shell-footer">
        <Typography.Text type="secondary">{t('app.footer')}</Typography.Text>
        {!narrow && <a href="/graphiql">GraphiQL API</a>}
      </Layout.Footer>
    </Layout>
  );
}
