/**
 * The household file (一户一档) written by the server: GET /dossiers/<entryId>.html (printable A4
 * page) and .zip (the page plus every attachment). Both need the bearer token, so a plain link
 * cannot work: the page is fetched and opened as a blob in a new tab (opened at the click, so no
 * popup blocker stops it), the ZIP is saved like an export.
 */
import { ApiError, getToken } from './api';
import { downloadExport } from './exports';

export const dossierUrl = (entryId: string, ext: 'html' | 'zip') => `/dossiers/${encodeURIComponent(entryId)}.${ext}`;

/** Opens the printable file in a new tab; throws ApiError with the server's code when refused. */
export async function openDossier(entryId: string): Promise<void> {
  const tab = window.open('', '_blank');
  const token = getToken();
  try {
    const res = await fetch(dossierUrl(entryId, 'html'), { headers: token ? { authorization: `Bearer ${token}` } : {} });
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { errors?: { message: string; extensions?: { code?: string } }[] } | null;
      const e = body?.errors?.[0];
      throw new ApiError(e?.extensions?.code ?? 'INTERNAL_SERVER_ERROR', e?.message ?? `HTTP ${res.status}`);
    }
    const url = URL.createObjectURL(new Blob([await res.text()], { type: 'text/html;charset=utf-8' }));
    if (tab) tab.location.href = url;
    else window.location.href = url;
    setTimeout(() => URL.revokeObjectURL(url), 120_000);
  } catch (e) {
    tab?.close();
    throw e instanceof ApiError ? e : new ApiError('NETWORK', 'network error');
  }
}

export const downloadDossier = (entryId: string, name: string) => downloadExport(dossierUrl(entryId, 'zip'), `${name}-一户一档.zip`);
