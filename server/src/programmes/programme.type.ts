import type { NoticeContact } from '../notices/notice-contact.js';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime, GraphQLJSON } from 'graphql-scalars';
import type { Programme } from './programme.entity.js';
import type { ProgrammeVersion } from './programme-version.entity.js';
import { WorkflowDiagramType } from '../workflow/workflow.type.js';
import { workflowOf } from './compiled.js';

@ObjectType('ProgrammeVersion')
export class ProgrammeVersionType {
  @Field(() => ID) id!: string;
  @Field(() => Int) number!: number;
  @Field(() => String, { description: 'draft | published | superseded | retired' }) status!: string;
  @Field(() => GraphQLJSON) formSchema!: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) uiSchema?: unknown;
  @Field(() => GraphQLJSON) workflow!: unknown;
  @Field(() => GraphQLDateTime) createdAt!: Date;
  @Field(() => GraphQLDateTime, { nullable: true }) publishedAt?: Date | null;
  entity!: ProgrammeVersion;

  static from(v: ProgrammeVersion): ProgrammeVersionType {
    return Object.assign(new ProgrammeVersionType(), {
      id: v.id, number: v.number, status: v.status, formSchema: v.formSchema, uiSchema: v.uiSchema ?? null,
      workflow: v.workflow, createdAt: v.createdAt, publishedAt: v.publishedAt ?? null, entity: v,
    });
  }

  @Field(() => WorkflowDiagramType, { description: 'States and transitions for drawing the workflow.' })
  diagram(): WorkflowDiagramType {
    return WorkflowDiagramType.from(workflowOf(this.entity).diagram());
  }
}

@ObjectType('Programme')
export class ProgrammeType {
  @Field(() => ID) id!: string;
  @Field(() => String) key!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) nameEn?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { description: 'The owning county.' }) regionCode!: string;
  @Field(() => String, { description: 'active | retired' }) status!: string;
  @Field(() => ProgrammeVersionType, { nullable: true, description: 'The published version new applications use.' }) currentVersion?: ProgrammeVersionType | null;
  @Field(() => ProgrammeVersionType, { nullable: true }) draft?: ProgrammeVersionType | null;
  @Field(() => [ProgrammeVersionType]) versions!: ProgrammeVersionType[];
  regionPath!: string;
  /** The programme's own notice contact (notices/notice-contact.ts); GraphQL fields in ProgrammeNoticeContactResolver. */
  ownNoticeContact!: NoticeContact | null;

  static from(p: Programme): ProgrammeType {
    const versions = p.versions.getItems().map(ProgrammeVersionType.from);
    return Object.assign(new ProgrammeType(), {
      id: p.id, key: p.key, name: p.name, nameEn: p.nameEn ?? null, description: p.description ?? null,
      regionCode: p.regionCode, regionPath: p.regionPath, status: p.status, versions, ownNoticeContact: p.noticeContact ?? null,
      currentVersion: versions.find((v) => v.status === 'published') ?? null,
      draft: versions.find((v) => v.status === 'draft') ?? null,
    });
  }
}

@InputType('CreateProgrammeInput')
export class CreateProgrammeInput {
  @Field(() => String) key!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) nameEn?: string | null;
  @Field(() => String, { description: 'The owning county.' }) regionCode!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
}
