/**
 * A small valid workflow for the unit tests, and a helper to break it one path at a time
 * (tests only; the example programmes live in /workflows).
 */
const t = (zh: string, en: string) => ({ zh, en });

export function fixture(): Record<string, unknown> {
  return {
    id: 'test',
    initial: 'draft',
    meta: { title: t('测试', 'Test'), delays: { NOTICE_PERIOD: 'P7D' } },
    states: {
      draft: {
        meta: { kind: 'draft', title: t('填报', 'Draft'), roles: ['village_committee'] },
        on: { SUBMIT: { target: 'review', meta: { title: t('提交', 'Submit') } } },
      },
      review: {
        meta: { kind: 'task', title: t('审核', 'Review'), roles: ['township_reviewer'], editable: ['/grade'] },
        on: {
          APPROVE: {
            target: 'notice',
            guard: { type: 'rule', params: { rule: { in: [{ var: 'grade' }, ['C', 'D']] } } },
            meta: { title: t('通过', 'Approve') },
          },
          RETURN: { target: 'draft', meta: { title: t('退回', 'Return'), requiresComment: true } },
          REJECT: { target: 'rejected', meta: { title: t('不予通过', 'Reject'), requiresComment: true } },
        },
      },
      notice: {
        meta: { kind: 'notice', title: t('公示', 'Notice') },
        after: { NOTICE_PERIOD: { target: 'verification' } },
        on: { OBJECTION: { target: 'review', meta: { title: t('异议', 'Objection') } } },
      },
      verification: {
        meta: { kind: 'task', title: t('核查', 'Verification'), roles: ['verifier'] },
        after: { P30D: 'rejected' },
        on: {
          VERIFY: [
            { target: 'approved', guard: { type: 'quorum', params: { count: 3 } }, meta: { title: t('核实', 'Verify') } },
            { target: 'verification', meta: { title: t('核实', 'Verify') } },
          ],
        },
      },
      approved: { type: 'final', meta: { kind: 'final', outcome: 'approved', title: t('通过', 'Approved') } },
      rejected: { type: 'final', meta: { kind: 'final', outcome: 'rejected', title: t('未通过', 'Rejected') } },
    },
  };
}

/** Sets (or, with `undefined`, deletes) the value at a dotted path, creating objects on the way. */
export function withChange(def: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const keys = path.split('.');
  let node = def;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return def;
}

/** The fixture with one change applied. */
export const changed = (path: string, value: unknown) => withChange(fixture(), path, value);
