import dayjs from 'dayjs';
import type { Lang } from './i18n';

export const fmtDate = (lang: Lang, v?: string | null) => (v ? dayjs(v).format(lang === 'zh' ? 'YYYY年M月D日' : 'D MMM YYYY') : '—');
export const fmtDateTime = (lang: Lang, v?: string | null) => (v ? dayjs(v).format(lang === 'zh' ? 'YYYY-MM-DD HH:mm' : 'D MMM YYYY HH:mm') : '—');
/** Whole days since a moment (0 on the same day). */
export const daysSince = (v?: string | null) => (v ? Math.max(0, dayjs().startOf('day').diff(dayjs(v).startOf('day'), 'day')) : 0);
export const daysUntil = (v?: string | null) => (v ? dayjs(v).startOf('day').diff(dayjs().startOf('day'), 'day') : 0);

/** Form field titles by JSON pointer (`/head/name` → 户主姓名), for sums and changed-field lists. */
export function fieldTitles(schema: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  const props = (schema as { properties?: Record<string, { title?: string }> } | null)?.properties;
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      const p = `${prefix}/${k}`;
      if (v?.title) out[p] = v.title;
      fieldTitles(v, p, out);
    }
  }
  return out;
}
