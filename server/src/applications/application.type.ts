import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTime, GraphQLJSON } from 'graphql-scalars';
import type { Application } from './application.entity.js';
import type { ApplicationEvent } from './application-event.entity.js';
import type { EventInfo } from '../workflow/engine.js';
import type { Title } from '../workflow/definition.js';
import type { QuorumProgress } from './quorum.js';

@ObjectType('Action', { description: 'An event this user may send now.' })
export class ActionType {
  @Field(() => String) event!: string;
  @Field(() => String) title!: string;
  @Field(() => String) titleEn!: string;
  @Field(() => Boolean) requiresComment!: boolean;
  @Field(() => [String]) roles!: string[];

  static from(e: EventInfo): ActionType {
    return Object.assign(new ActionType(), { event: e.event, title: e.title.zh, titleEn: e.title.en, requiresComment: e.requiresComment, roles: e.roles });
  }
}

@ObjectType('BlockedAction', { description: 'An action you may send whose guard refuses it on the data as it is now, and why.' })
export class BlockedActionType {
  @Field(() => String) event!: string;
  @Field(() => String, { description: 'Chinese.' }) reason!: string;
  @Field(() => String, { description: 'English.' }) reasonEn!: string;
  @Field(() => [String], { description: 'JSON pointers of the form fields the reason concerns.' }) paths!: string[];
}

@ObjectType('QuorumVoter', { description: 'One person counted towards a quorum in the current visit of the state.' })
export class QuorumVoterType {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) role?: string | null;
  @Field(() => String, { description: 'The event this person sent (the quorum event).' }) decision!: string;
  @Field(() => GraphQLDateTime) at!: Date;
}

@ObjectType('Quorum', { description: 'Progress of a quorum event in the current state: votes of different people so far, of needed.' })
export class QuorumType {
  @Field(() => String) event!: string;
  @Field(() => String) title!: string;
  @Field(() => String) titleEn!: string;
  @Field(() => Int) needed!: number;
  @Field(() => Int, { description: 'Distinct people who have sent the event since the case entered the state.' }) votes!: number;
  @Field(() => [QuorumVoterType]) voters!: QuorumVoterType[];

  static from(q: QuorumProgress, title: { zh: string; en: string }): QuorumType {
    return Object.assign(new QuorumType(), {
      event: q.event, title: title.zh, titleEn: title.en, needed: q.needed, votes: q.votes.length,
      voters: q.votes.map((v) => Object.assign(new QuorumVoterType(), { name: v.name, role: v.role, decision: v.event, at: v.at })),
    });
  }
}

@ObjectType('HistoryEntry', { description: 'One append-only history row: who, in which role and region, what, from → to.' })
export class HistoryEntryType {
  @Field(() => ID) id!: string;
  @Field(() => Int) seq!: number;
  @Field(() => GraphQLDateTime) at!: Date;
  @Field(() => String, { nullable: true }) actorName?: string | null;
  @Field(() => String, { nullable: true }) role?: string | null;
  @Field(() => String, { nullable: true }) regionCode?: string | null;
  @Field(() => String, { description: 'The event code (SUBMIT, VERIFY…): for programs; people read eventTitle.' }) event!: string;
  @Field(() => String, { description: 'The workflow\'s title of the event (提交, 核实确认), or the platform\'s words for creation, edits, timers and objections.' }) eventTitle!: string;
  @Field(() => String) eventTitleEn!: string;
  @Field(() => String, { nullable: true }) fromState?: string | null;
  @Field(() => String) toState!: string;
  @Field(() => String, { nullable: true }) fromTitle?: string | null;
  @Field(() => String, { nullable: true }) toTitle?: string | null;
  @Field(() => String, { nullable: true }) comment?: string | null;
  @Field(() => [String], { description: 'JSON pointers of the fields this step changed.' }) changedFields!: string[];
  @Field(() => Int, { nullable: true, description: 'The recurring review occurrence this row opens (REVIEW_DUE) or answers.' }) occurrence?: number | null;
  @Field(() => Int, { nullable: true, description: 'VERSION_MIGRATED rows: the programme version number the case left.' }) fromVersion?: number | null;
  @Field(() => Int, { nullable: true, description: 'VERSION_MIGRATED rows: the programme version number the case moved to.' }) toVersion?: number | null;

  static from(e: ApplicationEvent, title: (state: string) => string | null, event: Title): HistoryEntryType {
    return Object.assign(new HistoryEntryType(), {
      eventTitle: event.zh, eventTitleEn: event.en,
      id: e.id, seq: e.seq, at: e.at, actorName: e.actorName ?? null, role: e.role ?? null, regionCode: e.regionCode ?? null,
      event: e.event, fromState: e.fromState ?? null, toState: e.toState, comment: e.comment ?? null,
      fromTitle: e.fromState ? title(e.fromState) : null, toTitle: title(e.toState),
      changedFields: e.patch ? Object.keys(e.patch) : [], occurrence: e.occurrence ?? null,
      fromVersion: e.fromVersion ?? null, toVersion: e.toVersion ?? null,
    });
  }
}

@ObjectType('Application')
export class ApplicationType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Readable reference: county-PROGRAMME-year-sequence.' }) reference!: string;
  @Field(() => String) programmeKey!: string;
  @Field(() => String) regionCode!: string;
  @Field(() => GraphQLJSON) data!: unknown;
  @Field(() => String) state!: string;
  @Field(() => String, { description: 'DRAFT | IN_REVIEW | UNDER_NOTICE | APPROVED | REJECTED | WITHDRAWN' }) status!: string;
  @Field(() => Int, { description: 'Pass as expectedVersion to change it.' }) version!: number;
  @Field(() => String, { nullable: true }) applicantName?: string | null;
  @Field(() => GraphQLDateTime) createdAt!: Date;
  @Field(() => GraphQLDateTime) updatedAt!: Date;
  @Field(() => GraphQLDateTime, { nullable: true }) submittedAt?: Date | null;
  @Field(() => GraphQLDateTime) stateEnteredAt!: Date;
  @Field(() => GraphQLDateTime, { nullable: true }) noticeEndsAt?: Date | null;
  @Field(() => Int, {
    description: 'Objections to the current notice that staff have not resolved yet. While above 0 the notice does not end: the case waits for staff (resolveObjection), even past noticeEndsAt.',
  })
  openObjections!: number;
  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: "When the current step is due: the state's meta.dueIn or meta.dueDate, or an open review's dueIn. Null when it has no due date.",
  })
  dueAt?: Date | null;
  entity!: Application;

  static from(a: Application): ApplicationType {
    return Object.assign(new ApplicationType(), {
      id: a.id, reference: a.reference, programmeKey: a.programmeKey, regionCode: a.regionCode, data: a.data, state: a.state,
      status: a.status, version: a.version, applicantName: a.applicantName ?? null, createdAt: a.createdAt, updatedAt: a.updatedAt,
      submittedAt: a.submittedAt ?? null, stateEnteredAt: a.stateEnteredAt, noticeEndsAt: a.noticeEndsAt ?? null,
      openObjections: a.openObjections, dueAt: a.dueAt ?? null, entity: a,
    });
  }
}

@ObjectType('OpenReview', { description: 'A recurring review occurrence waiting for an answer (meta.review of the current state).' })
export class OpenReviewType {
  @Field(() => Int, { description: '1 for the first review of this state visit, 2 for the second …' }) occurrence!: number;
  @Field(() => String) title!: string;
  @Field(() => String) titleEn!: string;
  @Field(() => [String], { description: 'The events that answer it.' }) events!: string[];
}

export enum TaskOrder {
  NEWEST = 'NEWEST',
  DUE = 'DUE',
}
registerEnumType(TaskOrder, {
  name: 'TaskOrder',
  description: 'NEWEST: most recently created first. DUE: earliest due date first, then the cases without a due date; equal due dates newest first.',
});

@ObjectType('PageInfo')
export class PageInfoType {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor?: string | null;
}

@ObjectType('ApplicationEdge')
export class ApplicationEdgeType {
  @Field(() => String) cursor!: string;
  @Field(() => ApplicationType) node!: ApplicationType;
}

@ObjectType('ApplicationConnection')
export class ApplicationConnectionType {
  @Field(() => [ApplicationEdgeType]) edges!: ApplicationEdgeType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
  count!: () => Promise<number>;

  @Field(() => Int, { description: 'Size of the whole filtered list (costs a count query: ask only when shown).' })
  async totalCount(): Promise<number> {
    return this.count();
  }
}

@InputType('ApplicationFilter')
export class ApplicationFilterInput {
  @Field(() => String, { nullable: true }) programmeKey?: string | null;
  @Field(() => String, { nullable: true, description: 'Region code: the whole subtree is included.' }) regionCode?: string | null;
  @Field(() => String, { nullable: true }) state?: string | null;
  @Field(() => String, { nullable: true }) status?: string | null;
  @Field(() => GraphQLDateTime, { nullable: true }) submittedFrom?: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true }) submittedTo?: Date | null;
  @Field(() => String, { nullable: true, description: 'Reference number or the start of the applicant name.' }) search?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'true: only cases past their due date (dueAt); false: only cases not overdue.' }) overdue?: boolean | null;
  @Field(() => ID, { nullable: true, description: 'Only the applications of this register entry (household).' }) entryId?: string | null;
}

@InputType('TaskFilter')
export class TaskFilterInput {
  @Field(() => String, { nullable: true }) programmeKey?: string | null;
  @Field(() => String, { nullable: true }) state?: string | null;
  @Field(() => String, { nullable: true }) regionCode?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'true: only cases past their due date (dueAt); false: only cases not overdue.' }) overdue?: boolean | null;
}
