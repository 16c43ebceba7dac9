/**
 * The client's only door to the server: POST /graphql with the bearer token, typed by the
 * generated documents, and every failure turned into an ApiError (never raw JSON on screen).
 */
import type { TypedDocumentString } from './graphql/graphql.js';
// Type-only: the server's own list of domain error codes, so the two never drift apart.
import type { ErrorCode, FieldProblem as ServerFieldProblem } from '../../server/src/core/errors.js';

export const TOKEN_KEY = 'aid.token';

/** A field problem as it arrives: the server always sends `messageEn`, but the wire is not typed. */
export type FieldProblem = Omit<ServerFieldProblem, 'messageEn'> & { messageEn?: string };

export type ApiErrorCode =
  | ErrorCode
  | 'NETWORK'
  | 'INTERNAL_SERVER_ERROR'
  | 'GRAPHQL_VALIDATION_FAILED'
  | (string & {});

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly problems?: FieldProblem[];
  readonly subCode?: string;
  /** The server's Chinese text (`extensions.messageZh`); `message` is its English one. */
  readonly messageZh?: string;
  constructor(code: ApiErrorCode, message: string, problems?: FieldProblem[], subCode?: string, messageZh?: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.problems = problems;
    this.subCode = subCode;
    this.messageZh = messageZh;
  }
}

export const getToken = () => localStorage.getItem(TOKEN_KEY);
export const setToken = (token: string | null) =>
  token ? localStorage.setItem(TOKEN_KEY, token) : localStorage.removeItem(TOKEN_KEY);

type Listener = (e: ApiError) => void;
const unauthenticatedListeners = new Set<Listener>();
/** The session provider signs out when any call reports an expired or invalid token. */
export function onUnauthenticated(l: Listener) {
  unauthenticatedListeners.add(l);
  return () => void unauthenticatedListeners.delete(l);
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; subCode?: string; messageZh?: string; problems?: FieldProblem[] } }[];
}

/** Runs one typed operation as the signed-in user. Throws ApiError. */
export async function request<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  ...[variables]: TVariables extends Record<string, never> ? [] | [TVariables] : [TVariables]
): Promise<TResult> {
  const token = getToken();
  try {
    return await sendTo('/graphql', token, document, (variables ?? {}) as TVariables);
  } catch (err) {
    if (err instanceof ApiError && err.code === 'UNAUTHENTICATED' && token) unauthenticatedListeners.forEach((l) => l(err));
    throw err;
  }
}

/**
 * One typed operation against `url` with `token`: the HTTP exchange and the error mapping of
 * `request`, without the browser's session (the offline sync queue's tests call a real server).
 */
export async function sendTo<TResult, TVariables>(url: string, token: string | null, document: TypedDocumentString<TResult, TVariables>, variables: TVariables): Promise<TResult> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
    });
  } catch {
    throw new ApiError('NETWORK', 'network error');
  }
  let body: GraphQLResponse<TResult>;
  try {
    body = (await res.json()) as GraphQLResponse<TResult>;
  } catch {
    throw new ApiError(res.status === 429 ? 'RATE_LIMITED' : res.status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'NETWORK', `HTTP ${res.status}`);
  }
  if (body.errors?.length) {
    const first = body.errors[0];
    const ext = first.extensions ?? {};
    const code = ext.code ?? 'INTERNAL_SERVER_ERROR';
    // Problems found at the request edge point into the variables (/variables/data/…): the
    // variables carry the argument names, so drop the prefix and they read like resolver problems.
    const problems = body.errors.flatMap((e) => e.extensions?.problems ?? []).map((p) => ({ ...p, path: p.path.replace(/^\/variables(?=\/)/, '') }));
    throw new ApiError(code, first.message, problems.length ? problems : undefined, ext.subCode, ext.messageZh);
  }
  if (!body.data) throw new ApiError('INTERNAL_SERVER_ERROR', 'empty response');
  return body.data;
}

export interface UploadedFile {
  id: string;
  name: string;
  size: number;
  mime: string;
  sha256: string;
}

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const UPLOAD_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

/**
 * POST /files?regionCode=&programmeKey= (multipart field `file`); the region and programme are the
 * application's, for access control (a role limited to some programmes reads only their files).
 */
export async function uploadFile(file: File, regionCode: string, programmeKey?: string): Promise<UploadedFile> {
  if (file.size > MAX_UPLOAD_BYTES) throw new ApiError('FILE_TOO_LARGE', 'file too large');
  if (!UPLOAD_TYPES.includes(file.type)) throw new ApiError('FILE_TYPE', 'file type not allowed');
  const form = new FormData();
  form.append('file', file);
  const token = getToken();
  let res: Response;
  try {
    const programme = programmeKey ? `&programmeKey=${encodeURIComponent(programmeKey)}` : '';
    res = await fetch(`/files?regionCode=${encodeURIComponent(regionCode)}${programme}`, { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new ApiError('NETWORK', 'network error');
  }
  if (!res.ok) {
    let code = res.status === 401 ? 'UNAUTHENTICATED' : res.status === 413 ? 'FILE_TOO_LARGE' : res.status === 415 ? 'FILE_TYPE' : 'UPLOAD_FAILED';
    let message = `HTTP ${res.status}`;
    try {
      const j = (await res.json()) as { errors?: { message?: string; extensions?: { code?: string; messageZh?: string } }[] };
      const first = j.errors?.[0];
      if (first?.extensions?.code && first.extensions.code !== 'BAD_USER_INPUT') code = first.extensions.code;
      if (first?.message) message = first.message;
      if (/MB/.test(message)) code = 'FILE_TOO_LARGE';
      else if (/PDF|JPEG|PNG/.test(message)) code = 'FILE_TYPE';
    } catch {
      /* not JSON */
    }
    throw new ApiError(code, message);
  }
  return (await res.json()) as UploadedFile;
}

/** GET /files/:id needs the bearer token, so a plain link cannot work: fetch and open a blob. */
export async function openFile(id: string, name?: string) {
  const token = getToken();
  const res = await fetch(`/files/${encodeURIComponent(id)}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new ApiError(res.status === 404 ? 'NOT_FOUND' : res.status === 403 ? 'FORBIDDEN' : 'UPLOAD_FAILED', `HTTP ${res.status}`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.target = '_blank';
  a.rel = 'noopener';
  if (name) a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
