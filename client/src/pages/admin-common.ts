/** Shared by the user-administration tabs: who the administrator is and how refusals read. */
import { useMemo, useState } from 'react';
import { App } from 'antd';
import { ApiError } from '../api';
import { errorText, useI18n, type Lang, type T } from '../i18n';
import type { Me } from '../session';
import { useStartingRegion } from '../components/RegionCascader';

/** The server's own wording of a refusal (it names the version, grant or row), in the page's language. */
export function refusalText(t: T, lang: Lang, err: unknown): string {
  if (err instanceof ApiError && (err.code === 'BAD_USER_INPUT' || err.code === 'FORBIDDEN' || err.code === 'NOT_FOUND')) {
    if (lang === 'zh' && err.messageZh) return err.messageZh;
    if (lang === 'en') return err.message;
  }
  return errorText(t, lang, err);
}

export const isAdminUser = (user: Me | null) => !!user?.roles.some((r) => r.role === 'admin');

/**
 * Regions where this administrator may define roles: a county admin's counties; for an admin, the
 * province/city/county chain above the tree's first choice and the counties offered there.
 */
export function useDefiningRegions(user: Me | null): { code: string; name: string }[] {
  const root = useStartingRegion();
  return useMemo(() => {
    if (!user) return [];
    if (!isAdminUser(user)) {
      return user.roles.filter((r) => r.role === 'county_admin').map((r) => ({ code: r.regionCode, name: r.regionCode }));
    }
    if (!root) return [];
    return [...root.path, ...root.options.filter((r) => r.level === 'county' || r.level === 'city')].map((r) => ({ code: r.code, name: r.name }));
  }, [user, root]);
}

/**
 * One administrative action at a time: `run(op, done)` shows 已保存 and reloads on success; a
 * refusal is kept in `failure` in the server's own words (or handed to `onRefused`, which may show
 * it elsewhere).
 */
export function useAdminAction(reload: () => Promise<unknown>, onRefused?: (text: string, keep: (text: string) => void) => void) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(op: () => Promise<unknown>, done?: () => void) {
    setBusy(true);
    setFailure(null);
    try {
      await op();
      message.success(t('admin.saved'));
      done?.();
      await reload();
    } catch (e) {
      const text = refusalText(t, lang, e);
      if (onRefused) onRefused(text, setFailure);
      else setFailure(text);
    } finally {
      setBusy(false);
    }
  }
  return { failure, setFailure, busy, run };
}
