/**
 * What the public board shows of one case, built from an allow-list: the x-public fields of the
 * pinned form (masked by `publicView`), names of places and the programme. Nothing else of the
 * application row is read. Region, programme and version lookups go through the request's
 * DataLoaders, so a page of notices costs a fixed number of queries.
 */
import type { Context } from '../core/context.js';
import type { Application } from '../applications/application.entity.js';
import type { PublicField } from '../programmes/form-annotations.js';
import { ANY_INDEX, parsePointer } from '../programmes/form-pointer.js';
import type { PinnedVersion } from '../applications/pinned-version.js';
import { FULLY_MASKED, maskValue, publicView } from './mask.js';
import { noticeContactFor, type NoticeContact } from './notice-contact.js';
import type { PublicNoticeFieldType, PublicNoticeType } from './notice.type.js';

const isScalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

function leaves(value: unknown, out: Array<string | number | boolean> = []): Array<string | number | boolean> {
  if (isScalar(value)) out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => leaves(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => leaves(v, out));
  return out;
}

const display = (v: string | number | boolean) => (typeof v === 'boolean' ? (v ? '是' : '否') : String(v));

/** The public fields as title/value pairs in schema order; fields without a value are left out. */
export function publicFieldValues(data: unknown, publicFields: readonly PublicField[]): PublicNoticeFieldType[] {
  const out: PublicNoticeFieldType[] = [];
  for (const field of publicFields) {
    // One field at a time through publicView, so masking and the allow-list stay in one place.
    const values = leaves(publicView(data, [field])).map(display).filter((v) => v !== '');
    if (values.length) out.push({ title: field.title, value: values.join('、') });
  }
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Position of each pointer segment in the uiSchema's `ui:order` at its level (unlisted: last). */
function orderKey(pointer: string, uiSchema: unknown): number[] {
  const key: number[] = [];
  let node = uiSchema;
  for (const segment of parsePointer(pointer)) {
    if (segment === ANY_INDEX) {
      node = isRecord(node) ? node.items : undefined;
      continue;
    }
    const order = isRecord(node) && Array.isArray(node['ui:order']) ? (node['ui:order'] as unknown[]) : [];
    const i = order.indexOf(segment) >= 0 ? order.indexOf(segment) : order.indexOf('*');
    key.push(i >= 0 ? i : Number.MAX_SAFE_INTEGER);
    node = isRecord(node) ? node[segment] : undefined;
  }
  return key;
}

const ordered = new WeakMap<PinnedVersion, PublicField[]>();

/**
 * The public fields in the order the form shows them. The schema is stored as jsonb, which keeps
 * no key order, so the uiSchema's `ui:order` decides; fields it does not list keep their place.
 */
export function publicFieldsInFormOrder(pinned: PinnedVersion): PublicField[] {
  let fields = ordered.get(pinned);
  if (!fields) {
    const keys = new Map(pinned.form.publicFields.map((f) => [f, orderKey(f.pointer, pinned.uiSchema)]));
    const compare = (a: number[], b: number[]): number => {
      for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
      return a.length - b.length;
    };
    fields = [...pinned.form.publicFields].sort((a, b) => compare(keys.get(a)!, keys.get(b)!));
    ordered.set(pinned, fields);
  }
  return fields;
}

/** A contact as the public response may echo it: a mobile number masked, anything else hidden. */
export function maskContact(contact: string | null | undefined): string | null {
  if (!contact) return null;
  return /^1\d{10}$/.test(contact.replace(/[\s-]/g, '')) ? maskValue(contact.replace(/[\s-]/g, ''), 'phone') : FULLY_MASKED;
}

/** The issuing office: the owning county and the programme, e.g. "顺平县 农村最低生活保障 经办机构". */
export function officeName(countyName: string | undefined, programmeName: string): string {
  return [countyName, programmeName, '经办机构'].filter(Boolean).join(' ');
}

function contactFields(c: NoticeContact) {
  return { office: c.office, officePhone: c.phone ?? null, officeAddress: c.address ?? null };
}

export async function toPublicNotice(ctx: Context, app: Application, now: Date): Promise<PublicNoticeType> {
  const { loaders } = ctx;
  const [region, programme, pinned] = await Promise.all([
    loaders.region.load(app.regionCode),
    loaders.programme.load(app.programmeId),
    loaders.pinned.load(app.versionId),
  ]);
  const [parent, county] = await Promise.all([
    region?.level === 'village' && region.parentCode ? loaders.region.load(region.parentCode) : Promise.resolve(undefined),
    programme ? loaders.region.load(programme.regionCode) : Promise.resolve(undefined),
  ]);
  const programmeName = programme?.name ?? app.programmeKey;
  const noticeEnd = app.noticeEndsAt ?? app.stateEnteredAt;
  return {
    reference: app.reference,
    programmeKey: app.programmeKey,
    programmeName,
    regionCode: app.regionCode,
    regionName: region?.name ?? app.regionCode,
    townshipName: region?.level === 'township' ? region.name : (parent?.name ?? null),
    stateTitle: pinned.workflow.stateInfo(app.state).title.zh,
    noticeStart: app.stateEnteredAt,
    noticeEnd,
    ...contactFields(noticeContactFor(programme ?? undefined, county ?? undefined, programmeName)),
    fields: publicFieldValues(app.data, publicFieldsInFormOrder(pinned)),
    objectionOpen: now < noticeEnd,
    objectionPending: app.openObjections > 0,
  };
}
