/** Providers, the app shell and the routes. Every page is its own lazy chunk. */
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { I18nProvider, useI18n } from './i18n';
import { SessionProvider, useSession } from './session';
import { matchPath, Redirect, useLocation } from './router';
import { Shell } from './components/Shell';
import { ErrorBoundary } from './components/ErrorBoundary';
import { OfflineProvider } from './offline/OfflineProvider';

const SignIn = lazy(() => import('./pages/SignIn'));
const Inbox = lazy(() => import('./pages/Inbox'));
const QualityFindings = lazy(() => import('./pages/QualityFindings'));
const QualityRules = lazy(() => import('./pages/QualityRules'));
const ApplicationPage = lazy(() => import('./pages/ApplicationPage'));
const NewApplication = lazy(() => import('./pages/NewApplication'));
const Applications = lazy(() => import('./pages/Applications'));
const Designer = lazy(() => import('./pages/Designer'));
const ProgrammeList = lazy(() => import('./pages/ProgrammeList'));
const Reports = lazy(() => import('./pages/Reports'));
const Registers = lazy(() => import('./pages/Registers'));
const RegisterEntryPage = lazy(() => import('./pages/RegisterEntryPage'));
const AdminUsers = lazy(() => import('./pages/AdminUsers'));
const Imports = lazy(() => import('./pages/Imports'));
const PublicBoard = lazy(() => import('./pages/PublicBoard'));
const PublicPrint = lazy(() => import('./pages/PublicPrint'));
const PublicStatus = lazy(() => import('./pages/PublicStatus'));
const NotFound = lazy(() => import('./pages/NotFound'));
const RegisterDesigner = lazy(() => import('./pages/RegisterDesigner'));

type Page = LazyExoticComponent<ComponentType<Record<string, string>>>;
interface Route {
  path: string;
  page: Page;
  /** public pages need no sign-in; print pages have no app chrome */
  access: 'public' | 'print' | 'staff';
}

const routes: Route[] = [
  { path: '/login', page: SignIn as Page, access: 'public' },
  { path: '/public', page: PublicBoard as Page, access: 'public' },
  { path: '/public/status', page: PublicStatus as Page, access: 'public' },
  { path: '/public/print/:villageCode', page: PublicPrint as Page, access: 'print' },
  { path: '/', page: Inbox as Page, access: 'staff' },
  { path: '/tasks', page: Inbox as Page, access: 'staff' },
  { path: '/applications', page: Applications as Page, access: 'staff' },
  { path: '/applications/new', page: NewApplication as Page, access: 'staff' },
  { path: '/applications/:id', page: ApplicationPage as Page, access: 'staff' },
  { path: '/designer', page: ProgrammeList as Page, access: 'staff' },
  { path: '/designer/registers/:registerKey', page: RegisterDesigner as Page, access: 'staff' },
  { path: '/designer/:programmeKey', page: Designer as Page, access: 'staff' },
  { path: '/reports', page: Reports as Page, access: 'staff' },
  { path: '/registers', page: Registers as Page, access: 'staff' },
  { path: '/registers/entries/:id', page: RegisterEntryPage as Page, access: 'staff' },
  { path: '/admin/users', page: AdminUsers as Page, access: 'staff' },
  { path: '/imports', page: Imports as Page, access: 'staff' },
  { path: '/quality', page: QualityFindings as Page, access: 'staff' },
  { path: '/quality/rules', page: QualityRules as Page, access: 'staff' },
];

const Loading = () => (
  <div className="page-loading" role="status">
    <Spin />
  </div>
);

function Routes() {
  const { path } = useLocation();
  const { user, loading } = useSession();
  let found: { route: Route; params: Record<string, string> } | null = null;
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (params) {
      found = { route, params };
      break;
    }
  }
  if (!found) return <Shell><Suspense fallback={<Loading />}><NotFound /></Suspense></Shell>;
  const { route, params } = found;
  const Page = route.page;
  const body = (
    <ErrorBoundary key={path}>
      <Suspense fallback={<Loading />}>
        <Page {...params} />
      </Suspense>
    </ErrorBoundary>
  );
  if (route.access === 'print') return body;
  if (route.access === 'staff') {
    if (loading) return <Loading />;
    if (!user) return <Redirect to={`/login?next=${encodeURIComponent(path + location.search)}`} />;
  }
  return <Shell>{body}</Shell>;
}

function Themed() {
  const { lang } = useI18n();
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      // no space inserted between two Chinese characters: the label stays the accessible name
      button={{ autoInsertSpace: false }}
      theme={{
        token: {
          colorPrimary: '#b71c1c',
          borderRadius: 4,
          fontFamily:
            '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", sans-serif',
        },
      }}
    >
      <AntApp>
        <SessionProvider>
          <OfflineProvider>
            <Routes />
          </OfflineProvider>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Themed />
    </I18nProvider>
  );
}
