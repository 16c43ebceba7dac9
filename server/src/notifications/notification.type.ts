import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { PageInfoType } from '../applications/application.type.js';
import { toDate } from '../registers/sql.js';
import type { NotificationPage, NotificationRow } from './notification.service.js';

const TEXT: Record<string, { zh: string; en: string }> = {
  TASK_NEW: { zh: '新的待办：{ref}', en: 'New task: {ref}' },
  CASE_RETURNED: { zh: '申请 {ref} 被退回修改', en: 'Application {ref} was returned for changes' },
  CASE_REJECTED: { zh: '申请 {ref} 未获批准', en: 'Application {ref} was rejected' },
  OBJECTION_RAISED: { zh: '您经办的 {ref} 收到异议', en: 'An objection was raised on {ref}, which you handled' },
  TASK_DUE_SOON: { zh: '待办 {ref} 将于一天内到期', en: 'Task {ref} is due within a day' },
  TASK_OVERDUE: { zh: '待办 {ref} 已超期', en: 'Task {ref} is overdue' },
  IMPORT_FINISHED: { zh: '导入已结束：{ref}', en: 'Import finished: {ref}' },
};
const IMPORT_STATUS: Record<string, { zh: string; en: string }> = {
  validated: { zh: '校验完成，待确认写入', en: 'checked, ready to write' },
  committed: { zh: '已写入', en: 'written' },
  failed: { zh: '失败', en: 'failed' },
  cancelled: { zh: '已取消', en: 'cancelled' },
};

@ObjectType('Notification', { description: 'Something for the signed-in user to look at (docs/notifications.md).' })
export class NotificationType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'TASK_NEW | CASE_RETURNED | CASE_REJECTED | OBJECTION_RAISED | TASK_DUE_SOON | TASK_OVERDUE | IMPORT_FINISHED' }) kind!: string;
  @Field(() => String, { description: 'Chinese.' }) title!: string;
  @Field(() => String) titleEn!: string;
  @Field(() => ID, { nullable: true }) applicationId?: string | null;
  @Field(() => ID, { nullable: true }) importJobId?: string | null;
  @Field(() => String, { nullable: true }) reference?: string | null;
  @Field(() => String, { nullable: true }) programmeKey?: string | null;
  @Field(() => String, { nullable: true, description: 'The case’s state when notified (an import’s status for IMPORT_FINISHED).' }) state?: string | null;
  @Field(() => GraphQLDateTime) createdAt!: Date;
  @Field(() => GraphQLDateTime, { nullable: true }) readAt?: Date | null;

  static from(r: NotificationRow): NotificationType {
    const t = TEXT[r.kind] ?? { zh: r.kind, en: r.kind };
    const imp = r.kind === 'IMPORT_FINISHED' ? IMPORT_STATUS[r.state ?? ''] : undefined;
    return Object.assign(new NotificationType(), {
      id: String(r.id), kind: r.kind,
      title: t.zh.replace('{ref}', imp?.zh ?? r.reference ?? ''), titleEn: t.en.replace('{ref}', imp?.en ?? r.reference ?? ''),
      applicationId: r.application_id, importJobId: r.import_job_id, reference: r.reference, programmeKey: r.programme_key,
      state: r.state, createdAt: toDate(r.created_at), readAt: toDate(r.read_at),
    });
  }
}

@ObjectType('NotificationConnection')
export class NotificationConnectionType {
  @Field(() => [NotificationType]) nodes!: NotificationType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;

  static from(p: NotificationPage): NotificationConnectionType {
    return Object.assign(new NotificationConnectionType(), {
      nodes: p.items.map(NotificationType.from),
      pageInfo: Object.assign(new PageInfoType(), { hasNextPage: p.hasNextPage, endCursor: p.endCursor }),
    });
  }
}
