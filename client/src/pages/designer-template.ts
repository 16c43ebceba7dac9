/** What a new programme starts from: a small form and a four-step workflow with a public notice. */
export const TEMPLATE_FORM = {
  type: 'object',
  title: '申请表',
  required: ['name', 'idcard', 'phone'],
  properties: {
    name: { type: 'string', title: '申请人姓名', maxLength: 20, 'x-public': true, 'x-mask': 'name' },
    idcard: { type: 'string', title: '身份证号', format: 'cn-idcard', 'x-public': true, 'x-mask': 'idcard', 'x-unique': true },
    phone: { type: 'string', title: '联系电话', format: 'cn-mobile' },
    householdSize: { type: 'integer', title: '家庭人口', minimum: 1, maximum: 20, default: 1, 'x-public': true },
    reason: { type: 'string', title: '申请理由', maxLength: 500 },
    proof: { type: 'string', title: '证明材料（PDF/JPG/PNG）' },
  },
};

export const TEMPLATE_UI = {
  'ui:order': ['name', 'idcard', 'phone', 'householdSize', 'reason', 'proof'],
  reason: { 'ui:widget': 'textarea', 'ui:options': { rows: 3 } },
  proof: { 'ui:widget': 'attachment' },
};

export const TEMPLATE_WORKFLOW = {
  id: 'new_programme',
  initial: 'draft',
  meta: { title: { zh: '新项目', en: 'New programme' }, delays: { NOTICE_PERIOD: 'P7D' } },
  states: {
    draft: {
      meta: { kind: 'draft', title: { zh: '村级填报', en: 'Village entry' }, roles: ['village_committee'] },
      on: { SUBMIT: { target: 'review', meta: { title: { zh: '提交', en: 'Submit' } } } },
    },
    review: {
      meta: { kind: 'task', title: { zh: '乡镇审核', en: 'Township review' }, roles: ['township_reviewer'] },
      on: {
        APPROVE: { target: 'notice', meta: { title: { zh: '审核通过', en: 'Approve' } } },
        REJECT: { target: 'rejected', meta: { title: { zh: '不予通过', en: 'Reject' }, requiresComment: true } },
      },
    },
    notice: {
      meta: { kind: 'notice', title: { zh: '公示', en: 'Public notice' }, roles: ['county_office'] },
      on: {
        OBJECTION: { target: 'review', meta: { title: { zh: '收到异议', en: 'Objection raised' } } },
        CONFIRM: { target: 'approved', meta: { title: { zh: '公示无异议，审定', en: 'Confirm after notice' } } },
      },
      after: { NOTICE_PERIOD: 'approved' },
    },
    approved: { type: 'final', meta: { kind: 'final', title: { zh: '已审定', en: 'Approved' }, outcome: 'approved' } },
    rejected: { type: 'final', meta: { kind: 'final', title: { zh: '未通过', en: 'Rejected' }, outcome: 'rejected' } },
  },
};
