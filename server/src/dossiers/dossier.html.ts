/**
 * The household file (一户一档) as one printable A4 HTML document: the household card and its
 * members, the completeness checklist, the status timeline and change log, then each case on a
 * page of its own (its form under the form's Chinese titles, its history with the workflow's
 * titles — appraisal and notice steps included —, objections and attachments). Pure: a function of
 * the loaded dossier; every value is escaped. Times are China local time (UTC+8).
 */
import { flatColumns, labelOf, type Column } from '../programmes/form-columns.js';
import { readPointer, ANY_INDEX } from '../programmes/form-pointer.js';
import type { Dossier, DossierApplication } from './dossier.data.js';

const esc = (v: unknown): string => String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** `2026-12-02 12:30` in UTC+8. */
export function localTime(at: Date | null | undefined): string {
  if (!at) return '';
  return new Date(at.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ');
}

const ATTACHMENT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?:\|(.*))?$/i;

/** A value as the reader sees it: enum labels, 是/否, attachments by their file name. */
function text(column: Column | undefined, value: unknown): string {
  if (value === undefined || value === null || value === '') return '';
  if (typeof value === 'string') {
    const m = ATTACHMENT.exec(value);
    if (m) return `附件：${m[1] || value.slice(0, 8)}`;
  }
  if (column?.format === 'date-time' && typeof value === 'string') {
    const d = new Date(value);
    if (!Number.isNaN(d.getTime())) return localTime(d);
  }
  const labelled = column ? labelOf(column, value) : value;
  if (labelled === true) return '是';
  if (labelled === false) return '否';
  if (Array.isArray(labelled)) return labelled.map((v) => text(undefined, v)).join('、');
  if (labelled && typeof labelled === 'object') return JSON.stringify(labelled);
  return String(labelled);
}

const read = (data: unknown, pointer: string): unknown => {
  try {
    return readPointer(data, pointer);
  } catch {
    return undefined;
  }
};

/** A form's data as a field table plus one table per array of objects (家庭成员). */
function formTables(schema: unknown, uiSchema: unknown, data: unknown): string {
  const { columns, arrays } = flatColumns(schema, uiSchema ?? {});
  const plain = columns.filter((c) => !c.array);
  const rows = plain.map((c) => [c, text(c, read(data, c.pointer))] as const).filter(([, v]) => v !== '');
  let html = rows.length
    ? `<table class="fields">${rows.map(([c, v]) => `<tr><th>${esc(c.titleZh)}</th><td>${esc(v)}</td></tr>`).join('')}</table>`
    : '<p class="muted">（无填报内容）</p>';
  for (const group of arrays) {
    const items = read(data, group.pointer);
    if (!Array.isArray(items) || !items.length) continue;
    const cols = columns.filter((c) => c.array === group.pointer);
    const rel = (c: Column) => c.pointer.slice(`${group.pointer}/${ANY_INDEX}`.length);
    html += `<h4>${esc(group.titleZh)}</h4><table class="grid"><tr><th>序号</th>${cols.map((c) => `<th>${esc(c.titleZh)}</th>`).join('')}</tr>`;
    html += items.map((item, i) => `<tr><td>${i + 1}</td>${cols.map((c) => `<td>${esc(text(c, read(item, rel(c))))}</td>`).join('')}</tr>`).join('');
    html += '</table>';
  }
  return html;
}

/** Title of a register field at a change's path (`/members/2/health` → 家庭成员·健康状况). */
function fieldTitle(columns: Column[], arrays: { pointer: string; titleZh: string }[], path: string): string {
  const general = path.replace(/\/\d+(?=\/|$)/g, `/${ANY_INDEX}`);
  const col = columns.find((c) => c.pointer === general);
  if (col) {
    const group = col.array ? arrays.find((a) => a.pointer === col.array) : undefined;
    return group ? `${group.titleZh}·${col.titleZh}` : col.titleZh;
  }
  const group = arrays.find((a) => general === `${a.pointer}/${ANY_INDEX}` || general === a.pointer);
  return group?.titleZh ?? path;
}

function short(v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）';
  // A whole member added or removed: by name and relation, as the household page shows it.
  const o = v as Record<string, unknown>;
  if (typeof v === 'object' && !Array.isArray(v) && typeof o.name === 'string') return [o.name, o.relation].filter((x) => typeof x === 'string' && x).join('·');
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}

function applicationSection(d: DossierApplication): string {
  const { app, pinned } = d;
  const wf = pinned.workflow;
  const stateTitle = (s: string | null | undefined) => {
    if (!s) return '';
    try {
      return wf.stateInfo(s).title.zh;
    } catch {
      return s;
    }
  };
  const edges = wf.diagram().edges;
  const eventTitle = (from: string | null | undefined, event: string) =>
    edges.find((e) => e.from === from && e.event === event)?.title.zh ?? edges.find((e) => e.event === event)?.title.zh ?? event;
  const kindOf = (s: string) => {
    try {
      return wf.stateInfo(s).kind;
    } catch {
      return undefined;
    }
  };
  const history = d.events.map((ev) => {
    const kind = kindOf(ev.toState);
    const mark = kind === 'notice' ? '<span class="tag">公示</span>' : '';
    return `<tr><td>${esc(localTime(ev.at))}</td><td>${esc(ev.event === 'CREATE' ? '创建' : eventTitle(ev.fromState, ev.event))}</td><td>${esc(stateTitle(ev.fromState))} → ${esc(stateTitle(ev.toState))}${mark}</td><td>${esc(ev.actorName ?? '系统')}</td><td>${esc(ev.comment ?? '')}</td></tr>`;
  }).join('');
  const notice = app.noticeEndsAt ? `<p>公示期至 ${esc(localTime(app.noticeEndsAt))}</p>` : '';
  const objections = d.objections.length
    ? `<h4>异议记录</h4><table class="grid"><tr><th>提出时间</th><th>公示环节</th><th>异议内容</th><th>处理结果</th></tr>${d.objections.map((o) =>
      `<tr><td>${esc(localTime(o.createdAt))}</td><td>${esc(stateTitle(o.state))}</td><td>${esc(o.reason)}</td><td>${esc(o.status === 'open' ? '待处理' : `${o.status === 'upheld' ? '成立' : o.status === 'dismissed' ? '不成立' : o.status}${o.outcomeComment ? `：${o.outcomeComment}` : ''}`)}</td></tr>`).join('')}</table>`
    : '';
  const files = d.attachments.length
    ? `<h4>附件</h4><ul>${d.attachments.map((f) => `<li>${esc(f.name)}（${esc(Math.max(1, Math.round(f.size / 1024)))} KB，SHA-256 ${esc(f.sha256.slice(0, 12))}…）</li>`).join('')}</ul>`
    : '';
  return `<section class="case">
<h2>${esc(d.programmeName)} <small>${esc(app.reference)}</small></h2>
<p>当前环节：<b>${esc(stateTitle(app.state))}</b>　填报时间：${esc(localTime(app.createdAt))}${app.submittedAt ? `　提交时间：${esc(localTime(app.submittedAt))}` : ''}</p>
${notice}
<h3>申请内容</h3>
${formTables(pinned.formSchema, pinned.uiSchema, app.data)}
<h3>办理记录</h3>
<table class="grid"><tr><th>时间</th><th>操作</th><th>环节</th><th>经办人</th><th>意见</th></tr>${history}</table>
${objections}
${files}
</section>`;
}

const CSS = `
@page { size: A4; margin: 15mm 15mm 18mm; }
* { box-sizing: border-box; }
body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 10.5pt; color: #000; margin: 0; line-height: 1.5; }
main { max-width: 180mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 2mm; letter-spacing: 2pt; }
h2 { font-size: 13pt; border-bottom: 1.5pt solid #000; padding-bottom: 1mm; margin: 6mm 0 2mm; }
h2 small { font-size: 10pt; font-weight: normal; margin-left: 3mm; }
h3 { font-size: 11pt; margin: 4mm 0 1.5mm; }
h4 { font-size: 10.5pt; margin: 3mm 0 1mm; }
p { margin: 1mm 0; }
table { width: 100%; border-collapse: collapse; margin: 1mm 0 2mm; page-break-inside: auto; }
tr { page-break-inside: avoid; }
th, td { border: 0.5pt solid #444; padding: 1mm 1.5mm; text-align: left; vertical-align: top; word-break: break-all; }
th { background: #f0f0f0; font-weight: bold; }
table.fields th { width: 32%; }
.meta { text-align: center; color: #333; font-size: 9pt; }
.muted { color: #666; }
.tag { border: 0.5pt solid #000; padding: 0 1mm; margin-left: 1mm; font-size: 8.5pt; }
.missing { color: #b00; font-weight: bold; }
.done { color: #060; }
section.case { page-break-before: always; }
@media screen { body { background: #eee; } main { background: #fff; padding: 12mm 15mm; margin: 6mm auto; box-shadow: 0 0 4px #999; } .hint { text-align: center; color: #666; font-size: 9pt; } }
@media print { .hint { display: none; } }
@media screen and (max-width: 600px) { main { padding: 4mm; margin: 0; max-width: none; } table.fields th { width: 40%; } }
`;

export function renderDossier(d: Dossier): string {
  const { entry, version, register } = d;
  const { columns, arrays } = flatColumns(version.schema, version.uiSchema ?? {});
  const status = version.statusByValue.get(entry.status);
  const place = d.regions.map((r) => r.name).join(' ');
  const statusField = version.settings.statusField;
  const timeline = d.changes.filter((c) => c.changes.some((x) => x.path === statusField)).map((c) => {
    const x = c.changes.find((y) => y.path === statusField)!;
    const title = (v: unknown) => (typeof v === 'string' ? version.statusByValue.get(v)?.zh ?? v : '');
    return `<li>${esc(localTime(c.at))}　${x.before == null ? '' : `${esc(title(x.before))} → `}<b>${esc(title(x.after))}</b>${c.applicationReference ? `（${esc(c.applicationReference)}）` : ''}</li>`;
  }).join('');
  const kindTitle = (k: string) => version.kindByKey.get(k)?.zh ?? k;
  const log = d.changes.map((c) => {
    const what = c.changes.slice(0, 12).map((x) => `${esc(fieldTitle(columns, arrays, x.path))}：${esc(short(x.before))} → ${esc(short(x.after))}`).join('<br>')
      + (c.changes.length > 12 ? `<br>……共 ${c.changes.length} 项` : '');
    return `<tr><td>${c.seq}</td><td>${esc(localTime(c.at))}</td><td>${esc(kindTitle(c.kind))}</td><td>${what}</td><td>${esc(c.actorName ?? '系统')}${c.applicationReference ? `<br>${esc(c.applicationReference)}` : ''}${c.sourceFile ? `<br>导入：${esc(c.sourceFile)}` : ''}</td><td>${esc(c.comment ?? '')}</td></tr>`;
  }).join('');
  const checklist = d.checklist.length
    ? `<h2>档案完整性</h2><table class="grid"><tr><th>材料</th><th>状态</th><th>来源</th></tr>${d.checklist.map((s) =>
      `<tr><td>${esc(s.item.title)}</td><td class="${s.done ? 'done' : 'missing'}">${s.done ? '✓ 齐全' : '✗ 缺少'}</td><td>${esc(s.applicationReference ?? '')}</td></tr>`).join('')}</table>
      ${d.checklist.some((s) => !s.done) ? `<p class="missing">本户档案缺少：${esc(d.checklist.filter((s) => !s.done).map((s) => s.item.title).join('、'))}</p>` : '<p class="done">本户档案材料齐全。</p>'}`
    : '';
  const cases = d.applications.length
    ? `<table class="grid"><tr><th>序号</th><th>项目</th><th>编号</th><th>当前环节</th><th>填报时间</th></tr>${d.applications.map((a, i) => {
      let state = a.app.state;
      try { state = a.pinned.workflow.stateInfo(a.app.state).title.zh; } catch { /* a state of an older version */ }
      return `<tr><td>${i + 1}</td><td>${esc(a.programmeName)}</td><td>${esc(a.app.reference)}</td><td>${esc(state)}</td><td>${esc(localTime(a.app.createdAt))}</td></tr>`;
    }).join('')}</table>${d.applicationsTruncated ? '<p class="muted">（仅收录最近的部分申请）</p>' : ''}`
    : '<p class="muted">（本户暂无申请记录）</p>';

  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(entry.name)} 一户一档</title><style>${CSS}</style></head>
<body><main>
<p class="hint">按 Ctrl+P（手机：分享 → 打印）以 A4 纸打印本档案</p>
<h1>一户一档</h1>
<p class="meta">${esc(register.name)}　${esc(place)}　户编号 ${esc(entry.key)}</p>
<h2>户基本情况</h2>
<table class="fields">
<tr><th>户主</th><td>${esc(entry.name)}</td></tr>
<tr><th>户类别</th><td><b>${esc(status?.zh ?? entry.status)}</b></td></tr>
<tr><th>所在村</th><td>${esc(place)}</td></tr>
<tr><th>建档时间</th><td>${esc(localTime(entry.createdAt))}</td></tr>
<tr><th>最近变更</th><td>${esc(localTime(entry.updatedAt))}（第 ${entry.version} 次）</td></tr>
</table>
<h3>登记信息</h3>
${formTables(version.schema, version.uiSchema, entry.data)}
${checklist}
<h2>户类别变化</h2>
${timeline ? `<ul>${timeline}</ul>` : '<p class="muted">（无）</p>'}
<h2>变更记录</h2>
<table class="grid"><tr><th>序</th><th>时间</th><th>类型</th><th>变更内容</th><th>经办</th><th>说明</th></tr>${log}</table>
${d.changesTruncated ? '<p class="muted">（仅列出最早的部分变更记录）</p>' : ''}
<h2>申请与审批</h2>
${cases}
${d.applications.map(applicationSection).join('\n')}
<p class="meta">打印人：${esc(d.printedBy)}　打印时间：${esc(localTime(d.printedAt))}</p>
</main></body></html>
`;
}
