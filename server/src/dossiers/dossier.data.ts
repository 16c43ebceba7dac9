/**
 * Everything a household's file (一户一档) holds, read for one reader: the entry (NOT_FOUND outside
 * their regions), its register version, its change log, every case of the household the reader
 * may read (region and programme scope in the SQL, as the application list), each case's history
 * and objections, the checklist, and the attachments its form data names that the reader may open.
 * Bounded: at most MAX_APPLICATIONS cases and MAX_CHANGES change-log rows.
 */
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import { grantsReading, isAdmin } from '../core/actor.js';
import type { Application } from '../applications/application.entity.js';
import type { ApplicationEvent } from '../applications/application-event.entity.js';
import type { PinnedVersion } from '../applications/pinned-version.js';
import { listApplications } from '../applications/application.queries.js';
import { Attachment } from '../files/attachment.entity.js';
import type { Region } from '../regions/region.entity.js';
import { loadEntry } from '../registers/entry.service.js';
import type { RegisterEntry } from '../registers/entry.row.js';
import { registerLoaders, type ChangeRecord } from '../registers/register.loaders.js';
import type { LoadedVersion } from '../registers/register-versions.js';
import type { Register } from '../registers/register.entity.js';
import { checklistLoader, type ChecklistStatus } from '../registers/checklist-status.js';
import { execOf } from '../registers/sql.js';

export const MAX_APPLICATIONS = 200;
export const MAX_CHANGES = 200;

export interface DossierAttachment {
  id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  /** The form pointer that names it. */
  pointer: string;
}

export interface DossierObjection {
  state: string;
  reason: string;
  status: string;
  outcomeComment: string | null;
  createdAt: Date;
  resolvedAt: Date | null;
}

export interface DossierApplication {
  app: Application;
  programmeName: string;
  pinned: PinnedVersion;
  events: ApplicationEvent[];
  objections: DossierObjection[];
  attachments: DossierAttachment[];
}

export interface Dossier {
  entry: RegisterEntry;
  register: Register;
  version: LoadedVersion;
  /** The village and the regions above it, county first. */
  regions: Region[];
  changes: ChangeRecord[];
  /** True when the log holds more rows than the file lists. */
  changesTruncated: boolean;
  applications: DossierApplication[];
  applicationsTruncated: boolean;
  checklist: ChecklistStatus[];
  printedBy: string;
  printedAt: Date;
}

const ID_VALUE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\|.*)?$/i;

/** Every string of the data that names an uploaded file (`<id>` or `<id>|<name>`, the attachment widget's value). */
export function attachmentRefs(data: unknown, pointer = ''): { id: string; pointer: string }[] {
  if (typeof data === 'string') {
    const m = ID_VALUE.exec(data);
    return m ? [{ id: m[1]!.toLowerCase(), pointer }] : [];
  }
  if (Array.isArray(data)) return data.flatMap((v, i) => attachmentRefs(v, `${pointer}/${i}`));
  if (data && typeof data === 'object') {
    return Object.entries(data).flatMap(([k, v]) => attachmentRefs(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  }
  return [];
}

export async function loadDossier(ctx: Context, entryId: string): Promise<Dossier> {
  const actor = requireActor(ctx);
  const entry = await loadEntry(ctx, entryId);
  const loaders = registerLoaders(ctx);
  const [register, version] = await Promise.all([loaders.register.load(entry.registerId), loaders.version.load(entry.versionId)]);
  const codes = entry.regionPath.split('/').filter(Boolean);
  const regions = (await ctx.loaders.region.loadMany(codes)).filter((r): r is Region => !!r && !(r instanceof Error) && r.level !== 'province' && r.level !== 'city');

  const changeRows = await loaders.changes(MAX_CHANGES + 1, 0).load(entry.id);

  // The household's cases the reader may read: the application list's own scope, page by page.
  const apps: Application[] = [];
  let after: string | null | undefined;
  for (;;) {
    const page = await listApplications(ctx, { entryId: entry.id }, 100, after);
    apps.push(...page.items);
    if (!page.hasNextPage || apps.length > MAX_APPLICATIONS) break;
    after = page.endCursor;
  }
  const shown = apps.slice(0, MAX_APPLICATIONS).reverse(); // oldest first, as a paper file grows

  const ids = shown.map((a) => a.id);
  const [histories, pins, programmes] = await Promise.all([
    ctx.loaders.history.loadMany(ids),
    ctx.loaders.pinned.loadMany(shown.map((a) => a.versionId)),
    ctx.loaders.programme.loadMany([...new Set(shown.map((a) => a.programmeId))]),
  ]);
  const programmeName = new Map(programmes.flatMap((p) => (p && !(p instanceof Error) ? [[p.id, p.name] as const] : [])));

  const exec = execOf(ctx.em);
  const objections = new Map<string, DossierObjection[]>();
  if (ids.length) {
    // The objector's contact and address hash stay out of the file.
    const { rows } = await exec(
      'select application_id, state, reason, status, outcome_comment, created_at, resolved_at from objection where application_id = any($1::uuid[]) order by created_at',
      [ids],
    );
    for (const r of rows) {
      objections.set(r.application_id, [...(objections.get(r.application_id) ?? []), {
        state: r.state, reason: r.reason, status: r.status, outcomeComment: r.outcome_comment ?? null,
        createdAt: new Date(r.created_at), resolvedAt: r.resolved_at ? new Date(r.resolved_at) : null,
      }]);
    }
  }

  // Attachments named by the cases' data, each only if the reader may open it at /files/:id.
  const refs = new Map(shown.map((a) => [a.id, attachmentRefs(a.data)]));
  const fileIds = [...new Set([...refs.values()].flat().map((r) => r.id))];
  const files = fileIds.length ? await ctx.em.find(Attachment, { id: { $in: fileIds } }) : [];
  const readable = new Map(files
    .filter((f) => f.uploadedBy === actor.id || isAdmin(actor) || grantsReading(actor, f.regionPath, f.programmeKey).length > 0)
    .map((f) => [f.id, f]));

  const applications = shown.map((app, i): DossierApplication => {
    const history = histories[i];
    const pinned = pins[i];
    if (history instanceof Error) throw history;
    if (pinned instanceof Error) throw pinned;
    const seen = new Set<string>();
    const attachments = (refs.get(app.id) ?? []).flatMap((r) => {
      const f = readable.get(r.id);
      if (!f || seen.has(f.id)) return [];
      seen.add(f.id);
      return [{ id: f.id, name: f.name, mime: f.mime, size: f.size, sha256: f.sha256, pointer: r.pointer }];
    });
    return { app, programmeName: programmeName.get(app.programmeId) ?? app.programmeKey, pinned, events: history, objections: objections.get(app.id) ?? [], attachments };
  });

  return {
    entry, register: register!, version: version!, regions,
    changes: changeRows.slice(0, MAX_CHANGES), changesTruncated: changeRows.length > MAX_CHANGES,
    applications, applicationsTruncated: apps.length > MAX_APPLICATIONS,
    checklist: await checklistLoader(ctx).load(entry),
    printedBy: actor.displayName, printedAt: ctx.services.clock(),
  };
}
