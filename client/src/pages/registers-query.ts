/**
 * Operations of the register pages (/registers and /registers/entries/:id), the list filter as it
 * lives in the address bar, and small helpers that turn a change log into readable lines.
 */
import { graphql } from '../graphql';
import type { RegisterEntryFullFragment, RegisterEntryListQuery, RegistersQuery } from '../graphql/graphql';

export const RegistersDocument = graphql(`
  query Registers {
    registers {
      id key name nameEn regionCode status canReadEntries
      currentVersion {
        id number statusField
        statuses { value zh en color }
        changeKinds { key zh en }
        filterFields { path title values many }
        checklist { key }
      }
    }
  }
`);

export type RegisterInfo = RegistersQuery['registers'][number];

export const RegisterEntryListDocument = graphql(`
  query RegisterEntryList(
    $registerKey: String!, $regionCode: String, $status: String, $search: String, $fields: [RegisterFieldFilter!],
    $incomplete: Boolean, $first: Int!, $after: String
  ) {
    registerEntries(
      filter: { registerKey: $registerKey, regionCode: $regionCode, status: $status, search: $search, fields: $fields, incomplete: $incomplete }
      first: $first
      after: $after
    ) {
      totalCount
      edges {
        node {
          id key name status statusTitle statusTitleEn statusColor regionCode region { name } updatedAt version
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export type EntryRow = RegisterEntryListQuery['registerEntries']['edges'][number]['node'];

export const RegisterEntryFullFragmentDoc = graphql(`
  fragment RegisterEntryFull on RegisterEntry {
    id key name status statusTitle statusTitleEn statusColor regionCode region { name } data version canEdit createdAt updatedAt
    register {
      key name nameEn status
      currentVersion {
        id number schema uiSchema statusField membersField memberIdField memberNameField
        statuses { value zh en color }
        changeKinds { key zh en }
      }
    }
    persons { idNumber role name pointer }
    checklist { key title titleEn programme done applicationReference }
    changes(last: 30) {
      id seq at actorName role regionCode kind kindTitle kindTitleEn comment applicationReference sourceFile
      changes { path before after }
    }
  }
`);

export type FullEntry = RegisterEntryFullFragment;

export const RegisterEntryDocument = graphql(`
  query RegisterEntry($id: ID!) {
    registerEntry(id: $id) { ...RegisterEntryFull }
  }
`);

export const UpdateRegisterEntryDocument = graphql(`
  mutation UpdateRegisterEntry($id: ID!, $data: JSON!, $expectedVersion: Int!, $kind: String!, $comment: String, $movePersons: [String!]) {
    updateRegisterEntry(id: $id, data: $data, expectedVersion: $expectedVersion, kind: $kind, comment: $comment, movePersons: $movePersons) { ...RegisterEntryFull }
  }
`);

/** Address-bar parameters of the list. */
export interface RegisterListFilter {
  register: string | null;
  region: string | null;
  status: string | null;
  q: string | null;
  /** `path=value` of one enum field */
  field: string | null;
  /** Only households whose file misses a checklist item (`incomplete=1`). */
  incomplete: boolean;
}

export const registerFilterFromQuery = (q: URLSearchParams): RegisterListFilter => ({
  register: q.get('register'),
  region: q.get('region'),
  status: q.get('status'),
  q: q.get('q')?.trim() || null,
  field: q.get('field'),
  incomplete: q.get('incomplete') === '1',
});

/** The GraphQL filter of the address-bar filter (a field filter is `path=value`). */
export function registerFilterVariables(f: RegisterListFilter, registerKey: string) {
  const eq = f.field ? f.field.indexOf('=') : -1;
  return {
    registerKey,
    regionCode: f.region,
    status: f.status,
    search: f.q,
    fields: eq > 0 ? [{ path: f.field!.slice(0, eq), value: f.field!.slice(eq + 1) }] : null,
    incomplete: f.incomplete ? true : null,
  };
}

/** A JSON value as one short line: strings as they are, objects with their name if they have one. */
export function shortValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? '✓' : '✗';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.map(shortValue).join('、');
  const o = v as Record<string, unknown>;
  if (typeof o.name === 'string') return [o.name, o.relation].filter(Boolean).join('·');
  return JSON.stringify(v).slice(0, 80);
}

/**
 * A readable title for a changed field: `/members/1/health` → `家庭成员 2 · 健康状况`, from the
 * titles of the schema (`fieldTitles` keys by property path, without array indexes).
 */
export function changeLabel(path: string, titles: Record<string, string>, member: (n: number) => string): string {
  const parts = path.split('/').slice(1);
  const out: string[] = [];
  let schemaPath = '';
  for (const p of parts) {
    if (/^\d+$/.test(p)) {
      out.push(member(Number(p) + 1));
      continue;
    }
    schemaPath += `/${p}`;
    out.push(titles[schemaPath] ?? p);
  }
  return out.join(' · ') || '/';
}

/**
 * Field titles by path without array indexes (`/members/health` → 健康状况), walking properties,
 * array items and the branches of allOf / if-then (where conditional fields live).
 */
export function schemaTitles(schema: unknown, prefix = '', out: Record<string, string> = {}, depth = 0): Record<string, string> {
  if (!schema || typeof schema !== 'object' || depth > 20) return out;
  const node = schema as Record<string, unknown>;
  const props = node.properties as Record<string, { title?: string }> | undefined;
  if (props && typeof props === 'object') {
    for (const [k, v] of Object.entries(props)) {
      const p = `${prefix}/${k}`;
      if (v && typeof v.title === 'string' && !out[p]) out[p] = v.title;
      schemaTitles(v, p, out, depth + 1);
    }
  }
  if (node.items && typeof node.items === 'object' && !Array.isArray(node.items)) schemaTitles(node.items, prefix, out, depth + 1);
  for (const k of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(node[k])) for (const sub of node[k] as unknown[]) schemaTitles(sub, prefix, out, depth + 1);
  for (const k of ['then', 'else']) if (node[k]) schemaTitles(node[k], prefix, out, depth + 1);
  return out;
}
