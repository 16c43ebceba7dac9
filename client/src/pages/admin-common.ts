/** Shared by the user-administration tabs: who the administrator is and how refusals read. */
import { useMemo } from 'react';
import { ApiError } from '../api';
import { errorText, type Lang, type T } from '../i18n';
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
