/**
 * The `applications(filter, first, after)` query behind /applications, the filter as it lives in
 * the address bar, and the CSV export that pages through the same filter.
 */
import dayjs from 'dayjs';
import { graphql } from '../graphql';
import type { ApplicationListQuery } from '../graphql/graphql';
import { request } from '../api';
import { toCsv, type Cell } from '../csv';

export const ApplicationListDocument = graphql(`
  query ApplicationList(
    $search: String, $programmeKey: String, $status: String, $state: String, $regionCode: String,
    $submittedFrom: DateTime, $submittedTo: DateTime, $first: Int!, $after: String
  ) {
    applications(
      filter: { search: $search, programmeKey: $programmeKey, status: $status, state: $state, regionCode: $regionCode, submittedFrom: $submittedFrom, submittedTo: $submittedTo }
      first: $first
      after: $after
    ) {
      totalCount
      edges {
        node {
          id reference programmeKey programme { key name nameEn }
          regionCode region { name }
          state stateTitle stateTitleEn stateKind status applicantName
          submittedAt updatedAt
          version availableActions { event title titleEn requiresComment }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export type ApplicationRow = ApplicationListQuery['applications']['edges'][number]['node'];

export const STATUSES = ['DRAFT', 'IN_REVIEW', 'UNDER_NOTICE', 'APPROVED', 'REJECTED', 'WITHDRAWN'] as const;

/** Address-bar parameters of the page. */
export interface ListFilter {
  q: string | null;
  programme: string | null;
  status: string | null;
  state: string | null;
  region: string | null;
  /** YYYY-MM-DD, inclusive */
  from: string | null;
  to: string | null;
}

export const filterFromQuery = (q: URLSearchParams): ListFilter => ({
  q: q.get('q')?.trim() || null,
  programme: q.get('programme'),
  status: q.get('status'),
  state: q.get('state'),
  region: q.get('region'),
  from: q.get('from'),
  to: q.get('to'),
});

/** The GraphQL variables: dates are local days, sent as the start of `from` and the end of `to`. */
export function filterVariables(f: ListFilter) {
  // A real calendar day (2026-02-30 is not): it must survive a round trip.
  const day = (s: string | null) => (s && /^\d{4}-\d{2}-\d{2}$/.test(s) && dayjs(s).format('YYYY-MM-DD') === s ? dayjs(s) : null);
  const from = day(f.from);
  const to = day(f.to);
  return {
    search: f.q,
    programmeKey: f.programme,
    status: f.status,
    state: f.state,
    regionCode: f.region,
    submittedFrom: from ? from.startOf('day').toISOString() : null,
    submittedTo: to ? to.endOf('day').toISOString() : null,
  };
}

export const EXPORT_PAGE = 100;
export const EXPORT_MAX = 5000;

/**
 * Every row of the filter, 100 a page, at most 5,000. `onProgress(done, total)` after each page;
 * `signal.aborted` stops between pages. Returns the rows and whether the cap cut the list short.
 */
export async function fetchAllApplications(
  f: ListFilter,
  onProgress: (done: number, total: number) => void,
  signal?: { aborted: boolean },
): Promise<{ rows: ApplicationRow[]; total: number; truncated: boolean }> {
  const vars = filterVariables(f);
  const rows: ApplicationRow[] = [];
  let after: string | null = null;
  let total = 0;
  for (;;) {
    if (signal?.aborted) break;
    const first = Math.min(EXPORT_PAGE, EXPORT_MAX - rows.length);
    const d: ApplicationListQuery = await request(ApplicationListDocument, { ...vars, first, after });
    const conn = d.applications;
    total = conn.totalCount;
    rows.push(...conn.edges.map((e) => e.node));
    onProgress(rows.length, Math.min(total, EXPORT_MAX));
    if (!conn.pageInfo.hasNextPage || !conn.pageInfo.endCursor || rows.length >= EXPORT_MAX) break;
    after = conn.pageInfo.endCursor;
  }
  return { rows, total, truncated: total > rows.length };
}

/** Column texts for the CSV, in the language of the screen. */
export interface CsvLabels {
  header: string[];
  programme(r: ApplicationRow): string;
  step(r: ApplicationRow): string;
  status(r: ApplicationRow): string;
}

/** Times in the file are local and sortable (YYYY-MM-DD HH:mm), whatever the screen language. */
const stamp = (v?: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '');

export function applicationsCsv(rows: readonly ApplicationRow[], l: CsvLabels): string {
  const body: Cell[][] = rows.map((r) => [
    r.reference,
    r.applicantName ?? '',
    l.programme(r),
    r.region?.name ?? r.regionCode,
    r.regionCode,
    l.step(r),
    l.status(r),
    stamp(r.submittedAt),
    stamp(r.updatedAt),
  ]);
  return toCsv(l.header, body);
}

/** Saves text as a file through a temporary object URL. */
export function downloadText(text: string, fileName: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
