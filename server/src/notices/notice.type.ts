import { Field, ID, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { PageInfoType } from '../applications/application.type.js';
import type { Objection } from './objection.entity.js';
import { maskContact } from './notice.presenter.js';
import type { ObjectionReceipt } from './objection.service.js';
import { formatReceipt } from './receipt.js';

@ObjectType('PublicNoticeField', { description: 'One x-public form field as published: masked where the schema says x-mask.' })
export class PublicNoticeFieldType {
  @Field(() => String) title!: string;
  @Field(() => String, { description: 'Display text; several values (list fields, members) are joined with 、.' }) value!: string;
}

@ObjectType('PublicNotice', { description: 'A case on the public notice board (公示). Contains no unmasked personal data.' })
export class PublicNoticeType {
  @Field(() => String, { description: 'Quote it to raise an objection.' }) reference!: string;
  @Field(() => String) programmeKey!: string;
  @Field(() => String) programmeName!: string;
  @Field(() => String) regionCode!: string;
  @Field(() => String) regionName!: string;
  @Field(() => String, { nullable: true, description: 'The township (乡镇) of a village, or the region itself when it is a township.' }) townshipName?: string | null;
  @Field(() => String, { description: 'The notice step, e.g. 村内公示.' }) stateTitle!: string;
  @Field(() => GraphQLDateTime) noticeStart!: Date;
  @Field(() => GraphQLDateTime) noticeEnd!: Date;
  @Field(() => String, { description: 'The issuing office to contact, e.g. 顺平县民政局社会救助股: the programme\'s notice contact, else its county\'s, else 顺平县 农村最低生活保障 经办机构.' }) office!: string;
  @Field(() => String, { nullable: true, description: 'The issuing office\'s phone number, when configured.' }) officePhone?: string | null;
  @Field(() => String, { nullable: true, description: 'Where the issuing office receives visitors, when configured.' }) officeAddress?: string | null;
  @Field(() => [PublicNoticeFieldType]) fields!: PublicNoticeFieldType[];
  @Field(() => Boolean, { description: 'True while raiseObjection accepts objections (before noticeEnd).' }) objectionOpen!: boolean;
  @Field(() => Boolean, {
    description: 'True while an objection is being examined by staff (异议处理中): the notice does not end, even past noticeEnd, until they resolve it.',
  })
  objectionPending!: boolean;
}

@ObjectType('PublicNoticeEdge')
export class PublicNoticeEdgeType {
  @Field(() => String) cursor!: string;
  @Field(() => PublicNoticeType) node!: PublicNoticeType;
}

@ObjectType('PublicNoticeConnection')
export class PublicNoticeConnectionType {
  @Field(() => [PublicNoticeEdgeType]) edges!: PublicNoticeEdgeType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
  count!: () => Promise<number>;

  @Field(() => Int, { description: 'Cases under notice in the region (costs a count query: ask only when shown).' })
  async totalCount(): Promise<number> {
    return this.count();
  }
}

@ObjectType('Objection', { description: 'An objection (异议) raised by the public against a case under notice.' })
export class ObjectionType {
  @Field(() => ID) id!: string;
  @Field(() => String) reference!: string;
  @Field(() => String, { description: 'Plain text as typed (control characters removed). Render as text, never as HTML.' }) reason!: string;
  @Field(() => String, { nullable: true, description: 'How to reach the objector: shown to staff; masked in the public response.' }) contact?: string | null;
  @Field(() => String, { description: 'open (pauses the notice, with staff) | upheld (confirmed: the case went back) | dismissed' }) status!: string;
  @Field(() => String, { nullable: true, description: 'Why it was upheld or dismissed. A dismissal reason is shown to the objector (objectionStatus).' }) outcomeComment?: string | null;
  @Field(() => GraphQLDateTime) createdAt!: Date;
  @Field(() => GraphQLDateTime, { nullable: true }) resolvedAt?: Date | null;
  @Field(() => String, { nullable: true, description: 'The objector\'s receipt code (e.g. 7K3M-Q2XD-9VHC-T4PA) for objectionStatus; null for objections raised before receipts existed.' })
  receipt?: string | null;

  /** Staff see the contact as given; the public response never echoes it back. */
  static from(o: Objection, audience: 'staff' | 'public'): ObjectionType {
    return Object.assign(new ObjectionType(), {
      id: o.id, reference: o.reference, reason: o.reason, status: o.status, outcomeComment: o.outcomeComment ?? null,
      createdAt: o.createdAt, resolvedAt: o.resolvedAt ?? null, receipt: o.receipt ? formatReceipt(o.receipt) : null,
      contact: audience === 'staff' ? (o.contact ?? null) : maskContact(o.contact),
    });
  }
}

@ObjectType('ObjectionReceipt', { description: 'What the public learns from a receipt code: the objection\'s progress, nothing about the objector or the household.' })
export class ObjectionReceiptType {
  @Field(() => String) receipt!: string;
  @Field(() => String, { description: 'The case objected to.' }) reference!: string;
  @Field(() => String, { description: 'open (staff are examining it; the notice is paused) | upheld (confirmed: the case went back for re-examination) | dismissed' }) status!: string;
  @Field(() => GraphQLDateTime) createdAt!: Date;
  @Field(() => GraphQLDateTime, { nullable: true }) resolvedAt?: Date | null;
  @Field(() => String, { nullable: true, description: 'The reason staff gave for dismissing it; null unless dismissed.' }) dismissalReason?: string | null;

  static from(r: ObjectionReceipt): ObjectionReceiptType {
    return Object.assign(new ObjectionReceiptType(), r);
  }
}
