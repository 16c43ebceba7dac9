import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime, GraphQLJSON } from 'graphql-scalars';
import type { RegisterEntry } from './entry.row.js';
import type { ChangeRecord, PersonRecord } from './register.loaders.js';
import type { PersonHit } from './entry.service.js';
import { PageInfoType } from '../applications/application.type.js';

@ObjectType('RegisterFieldChange', { description: 'One changed field: JSON pointer, value before and after (null when absent).' })
export class FieldChangeType {
  @Field(() => String) path!: string;
  @Field(() => GraphQLJSON, { nullable: true }) before?: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) after?: unknown;
}

@ObjectType('RegisterChange', { description: 'One row of an entry’s append-only change log.' })
export class RegisterChangeType {
  @Field(() => ID) id!: string;
  @Field(() => Int) seq!: number;
  @Field(() => GraphQLDateTime) at!: Date;
  @Field(() => String, { nullable: true }) actorName?: string | null;
  @Field(() => String, { nullable: true }) role?: string | null;
  @Field(() => String, { nullable: true }) regionCode?: string | null;
  @Field(() => String, { description: 'A change kind of the register (new, exit, correction …).' }) kind!: string;
  @Field(() => String, { nullable: true }) kindTitle?: string | null;
  @Field(() => String, { nullable: true }) kindTitleEn?: string | null;
  @Field(() => [FieldChangeType]) changes!: FieldChangeType[];
  @Field(() => String, { nullable: true }) comment?: string | null;
  @Field(() => ID, { nullable: true, description: 'The application whose workflow made the change.' }) applicationId?: string | null;
  @Field(() => String, { nullable: true }) applicationReference?: string | null;
  @Field(() => String, { nullable: true, description: 'The imported file, for changes made by an import.' }) sourceFile?: string | null;

  static from(c: ChangeRecord, kind?: { zh: string; en: string }): RegisterChangeType {
    return Object.assign(new RegisterChangeType(), {
      id: c.id, seq: c.seq, at: c.at, actorName: c.actorName, role: c.role, regionCode: c.regionCode, kind: c.kind,
      kindTitle: kind?.zh ?? null, kindTitleEn: kind?.en ?? null,
      changes: c.changes.map((x) => Object.assign(new FieldChangeType(), { path: x.path, before: x.before ?? null, after: x.after ?? null })),
      comment: c.comment, applicationId: c.applicationId, applicationReference: c.applicationReference, sourceFile: c.sourceFile,
    });
  }
}

@ObjectType('RegisterPerson', { description: 'A person of the person index: one ID number, one entry per register.' })
export class RegisterPersonType {
  @Field(() => String) idNumber!: string;
  @Field(() => String, { description: 'head | member' }) role!: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { description: 'Pointer of the ID number in the entry’s data.' }) pointer!: string;
  @Field(() => ID) entryId!: string;

  static from(p: PersonRecord | PersonHit): RegisterPersonType {
    return Object.assign(new RegisterPersonType(), { idNumber: p.idNumber, role: p.role, name: p.name, pointer: p.pointer, entryId: p.entryId });
  }
}

@ObjectType('RegisterChecklistStatus', { description: 'A checklist item of the household file: done or missing.' })
export class ChecklistStatusType {
  @Field(() => String) key!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) titleEn?: string | null;
  @Field(() => String) programme!: string;
  @Field(() => Boolean) done!: boolean;
  @Field(() => String, { nullable: true, description: 'The case that provides it, when done.' }) applicationReference?: string | null;
}

@ObjectType('RegisterEntry')
export class RegisterEntryType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Normalised key: key field values, upper case, joined by "|".' }) key!: string;
  @Field(() => String, { description: 'Display name (e.g. the head of household).' }) name!: string;
  @Field(() => String) status!: string;
  @Field(() => GraphQLJSON) data!: unknown;
  @Field(() => Int, { description: 'Pass as expectedVersion to change it.' }) version!: number;
  @Field(() => String) regionCode!: string;
  @Field(() => GraphQLDateTime) createdAt!: Date;
  @Field(() => GraphQLDateTime) updatedAt!: Date;
  entity!: RegisterEntry;

  static from(e: RegisterEntry): RegisterEntryType {
    return Object.assign(new RegisterEntryType(), {
      id: e.id, key: e.key, name: e.name, status: e.status, data: e.data, version: e.version, regionCode: e.regionCode,
      createdAt: e.createdAt, updatedAt: e.updatedAt, entity: e,
    });
  }
}

@ObjectType('RegisterEntryEdge')
export class RegisterEntryEdgeType {
  @Field(() => String) cursor!: string;
  @Field(() => RegisterEntryType) node!: RegisterEntryType;
}

@ObjectType('RegisterEntryConnection')
export class RegisterEntryConnectionType {
  @Field(() => [RegisterEntryEdgeType]) edges!: RegisterEntryEdgeType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
  count!: () => Promise<number>;

  @Field(() => Int, { description: 'Size of the whole filtered list (costs a count query: ask only when shown).' })
  async totalCount(): Promise<number> {
    return this.count();
  }
}

@InputType('RegisterFieldFilter')
export class FieldFilterInput {
  @Field(() => String, { description: 'An enum field’s pointer (see RegisterVersion.filterFields).' }) path!: string;
  @Field(() => String) value!: string;
}

@InputType('RegisterEntryFilter')
export class RegisterEntryFilterInput {
  @Field(() => String) registerKey!: string;
  @Field(() => String, { nullable: true, description: 'Region code: the whole subtree is included.' }) regionCode?: string | null;
  @Field(() => String, { nullable: true }) status?: string | null;
  @Field(() => String, { nullable: true, description: 'The start of a name (head or member), a full ID number, or a masked one (1306**********1234).' }) search?: string | null;
  @Field(() => [FieldFilterInput], { nullable: true, description: 'Enum field values; all must hold.' }) fields?: FieldFilterInput[] | null;
  @Field(() => Boolean, { nullable: true, description: 'true: only households whose file misses a checklist item; false: only complete ones.' }) incomplete?: boolean | null;
}
