/**
 * Server-side exports: GET /exports/<list>.<xlsx|csv>?filter=…&ledger=… with the bearer token,
 * saved under the file name the server gives. The server streams the file; the browser keeps it
 * as a blob until it is saved.
 */
import { ApiError, getToken } from './api';

export type ExportList = 'applications' | 'tasks';

/** The address of an export (the filter is the GraphQL list's filter, as JSON). */
export function exportUrl(list: ExportList, format: 'xlsx' | 'csv', filter: Record<string, unknown>, ledger?: string | null): string {
  const clean = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== null && v !== undefined && v !== ''));
  const q = new URLSearchParams();
  if (Object.keys(clean).length) q.set('filter', JSON.stringify(clean));
  if (ledger) q.set('ledger', ledger);
  const qs = q.toString();
  return `/exports/${list}.${format}${qs ? `?${qs}` : ''}`;
}

/** `filename*=UTF-8''…` of a Content-Disposition header. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const m = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (!m) return fallback;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return fallback;
  }
}

/** Downloads an export; throws ApiError with the server's code when it is refused. */
export async function downloadExport(url: string, fallbackName: string): Promise<string> {
  const token = getToken();
  let res: Response;
  try {
    res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new ApiError('NETWORK', 'network error');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { errors?: { message: string; extensions?: { code?: string; subCode?: string; messageZh?: string } }[] } | null;
    const e = body?.errors?.[0];
    throw new ApiError(e?.extensions?.code ?? (res.status === 429 ? 'RATE_LIMITED' : 'INTERNAL_SERVER_ERROR'), e?.message ?? `HTTP ${res.status}`, undefined, e?.extensions?.subCode, e?.extensions?.messageZh);
  }
  const name = fileNameOf(res.headers.get('content-disposition'), fallbackName);
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return name;
}
