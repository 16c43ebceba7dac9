/**
 * Operations of the /imports page, and the HTTP side of imports (template, upload, marked file),
 * which are plain fetches with the bearer token like /files.
 */
import { graphql } from '../graphql';
import { ApiError, getToken } from '../api';
import type { ImportJobQuery } from '../graphql/graphql';

export const ImportTargetsDocument = graphql(`
  query ImportTargets {
    programmes { key name nameEn status currentVersion { number } }
    registers { key name nameEn status currentVersion { number } }
  }
`);

export const ImportJobDocument = graphql(`
  query ImportJob($id: ID!, $first: Int!, $after: String) {
    importJob(id: $id) {
      id targetKind targetKey fileName status mode totalRows validatedRows validRows linkedRows errorRows problemCount writtenRows skippedRows
      progressDone progressTotal etaSeconds message messageZh markedFileUrl cancelRequested submit submitAllowed
      problems(first: $first, after: $after) { nodes { row sheet line column message messageEn } pageInfo { hasNextPage endCursor } }
    }
  }
`);

export type ImportJobView = ImportJobQuery['importJob'];

export const CommitImportDocument = graphql(`
  mutation CommitImport($id: ID!, $mode: ImportCommitMode!, $submit: Boolean!) {
    commitImport(id: $id, mode: $mode, submit: $submit) { id status }
  }
`);

export const CancelImportDocument = graphql(`
  mutation CancelImport($id: ID!) {
    cancelImport(id: $id) { id status }
  }
`);

/** A target as the page names it in the address bar: `programme:dibao`, `register:household`. */
export function targetQuery(target: string): string {
  const [kind, key] = target.split(':');
  return `${kind === 'register' ? 'register' : 'programme'}=${encodeURIComponent(key ?? '')}`;
}

export class ImportRefusal extends ApiError {
  constructor(code: string, message: string, readonly messageZh?: string, subCode?: string) {
    super(code, message, undefined, subCode);
  }
}

async function refusalOf(res: Response): Promise<ImportRefusal> {
  try {
    const j = (await res.json()) as { errors?: { message?: string; extensions?: { code?: string; messageZh?: string; subCode?: string } }[] };
    const e = j.errors?.[0];
    return new ImportRefusal(e?.extensions?.code ?? 'INTERNAL_SERVER_ERROR', e?.message ?? `HTTP ${res.status}`, e?.extensions?.messageZh, e?.extensions?.subCode);
  } catch {
    return new ImportRefusal(res.status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL_SERVER_ERROR', `HTTP ${res.status}`);
  }
}

const auth = (): Record<string, string> => {
  const token = getToken();
  return token ? { authorization: `Bearer ${token}` } : {};
};

/** Fetches a file with the token and hands it to the browser as a download. */
export async function download(path: string, fallbackName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(path, { headers: auth() });
  } catch {
    throw new ApiError('NETWORK', 'network error');
  }
  if (!res.ok) throw await refusalOf(res);
  const disposition = res.headers.get('content-disposition') ?? '';
  const m = /filename\*=UTF-8''([^;]+)/.exec(disposition);
  const name = m ? decodeURIComponent(m[1]!) : fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export async function uploadImport(file: File, target: string, regionCode: string): Promise<{ id: string; status: string }> {
  const form = new FormData();
  form.append('file', file);
  let res: Response;
  try {
    res = await fetch(`/imports?${targetQuery(target)}&regionCode=${encodeURIComponent(regionCode)}`, { method: 'POST', body: form, headers: auth() });
  } catch {
    throw new ApiError('NETWORK', 'network error');
  }
  if (!res.ok) throw await refusalOf(res);
  return (await res.json()) as { id: string; status: string };
}
