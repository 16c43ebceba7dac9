import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime, GraphQLJSON } from 'graphql-scalars';
import type { Register } from './register.entity.js';
import type { RegisterVersion } from './register-version.entity.js';
import type { ChangeKindDef, StatusDef } from './register-definition.js';
import { filterFields, type FilterField } from './register-fields.js';
import type { ChecklistItem } from './checklist.js';

@ObjectType('RegisterChecklistItem', { description: 'An item of what a complete household file holds (dossier.checklist).' })
export class ChecklistItemType {
  @Field(() => String) key!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) titleEn?: string | null;
  @Field(() => String, { description: 'The programme whose case provides it.' }) programme!: string;
  @Field(() => String, { nullable: true, description: 'Done when a case has entered this state.' }) reachedState?: string | null;
  @Field(() => String, { nullable: true, description: 'Done when a case has had this event.' }) event?: string | null;
  @Field(() => String, { nullable: true, description: 'Done when a case holds a value at this form pointer.' }) attachment?: string | null;

  static from(i: ChecklistItem): ChecklistItemType {
    return Object.assign(new ChecklistItemType(), { titleEn: null, reachedState: null, event: null, attachment: null, ...i });
  }
}

@ObjectType('RegisterStatus', { description: 'A value of the status field, with its titles and tag colour.' })
export class RegisterStatusType {
  @Field(() => String) value!: string;
  @Field(() => String) zh!: string;
  @Field(() => String) en!: string;
  @Field(() => String, { description: 'antd preset colour or #rrggbb' }) color!: string;

  static from(s: StatusDef): RegisterStatusType {
    return Object.assign(new RegisterStatusType(), s);
  }
}

@ObjectType('RegisterChangeKind', { description: 'A kind of change the log records (新识别, 脱贫标注 …).' })
export class ChangeKindType {
  @Field(() => String) key!: string;
  @Field(() => String) zh!: string;
  @Field(() => String) en!: string;
  @Field(() => Boolean, { description: 'A member removed under this kind has died; the data-quality check builtin:dead_alive reads it.' }) death!: boolean;

  static from(k: ChangeKindDef): ChangeKindType {
    return Object.assign(new ChangeKindType(), k, { death: k.death === true });
  }
}

@ObjectType('RegisterFilterField', { description: 'An enum field the entry list can filter on.' })
export class FilterFieldType {
  @Field(() => String, { description: 'JSON pointer; `*` stands for any member.' }) path!: string;
  @Field(() => String) title!: string;
  @Field(() => [String]) values!: string[];
  @Field(() => Boolean, { description: 'The field holds several values (an array of enum values).' }) many!: boolean;

  static from(f: FilterField): FilterFieldType {
    return Object.assign(new FilterFieldType(), f);
  }
}

@ObjectType('RegisterVersion')
export class RegisterVersionType {
  @Field(() => ID) id!: string;
  @Field(() => Int) number!: number;
  @Field(() => String, { description: 'draft | published | superseded' }) status!: string;
  @Field(() => GraphQLJSON, { description: 'JSON Schema of an entry.' }) schema!: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) uiSchema?: unknown;
  @Field(() => [String], { description: 'Pointers whose values identify an entry (unique per register).' }) keyFields!: string[];
  @Field(() => String, { description: 'Pointer of the display name.' }) nameField!: string;
  @Field(() => String) statusField!: string;
  @Field(() => [RegisterStatusType]) statuses!: RegisterStatusType[];
  @Field(() => [ChangeKindType]) changeKinds!: ChangeKindType[];
  @Field(() => String, { nullable: true }) headIdField?: string | null;
  @Field(() => String, { nullable: true }) membersField?: string | null;
  @Field(() => String, { nullable: true }) memberIdField?: string | null;
  @Field(() => String, { nullable: true }) memberNameField?: string | null;
  @Field(() => [String]) editingRoles!: string[];
  @Field(() => [ChecklistItemType], { description: 'What a complete household file holds (empty: no checklist).' }) checklist!: ChecklistItemType[];
  @Field(() => GraphQLDateTime) createdAt!: Date;
  @Field(() => GraphQLDateTime, { nullable: true }) publishedAt?: Date | null;

  static from(v: RegisterVersion): RegisterVersionType {
    const s = v.settings;
    return Object.assign(new RegisterVersionType(), {
      id: v.id, number: v.number, status: v.status, schema: v.schema, uiSchema: v.uiSchema ?? null,
      keyFields: s.keyFields, nameField: s.nameField, statusField: s.statusField,
      statuses: s.statuses.map(RegisterStatusType.from), changeKinds: s.changeKinds.map(ChangeKindType.from),
      headIdField: s.headIdField ?? null, membersField: s.membersField ?? null, memberIdField: s.memberIdField ?? null,
      memberNameField: s.memberNameField ?? null, editingRoles: s.editingRoles,
      checklist: (s.dossier?.checklist ?? []).map(ChecklistItemType.from), createdAt: v.createdAt, publishedAt: v.publishedAt ?? null,
    });
  }

  @Field(() => [FilterFieldType], { description: 'Enum fields of the schema, for registerEntries(filter: { fields }).' })
  filterFields(): FilterFieldType[] {
    return filterFields(this.schema).map(FilterFieldType.from);
  }
}

@ObjectType('Register')
export class RegisterType {
  @Field(() => ID) id!: string;
  @Field(() => String) key!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) nameEn?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { description: 'The owning county.' }) regionCode!: string;
  @Field(() => String, { description: 'active | retired' }) status!: string;
  @Field(() => RegisterVersionType, { nullable: true, description: 'The published version entries are validated with.' }) currentVersion?: RegisterVersionType | null;
  @Field(() => RegisterVersionType, { nullable: true }) draft?: RegisterVersionType | null;
  @Field(() => [RegisterVersionType]) versions!: RegisterVersionType[];
  /** The owning county's path (for `canReadEntries`; not a field). */
  regionPath!: string;

  static from(r: Register): RegisterType {
    const versions = r.versions.getItems().map(RegisterVersionType.from);
    return Object.assign(new RegisterType(), {
      id: r.id, key: r.key, name: r.name, nameEn: r.nameEn ?? null, description: r.description ?? null, regionCode: r.regionCode,
      regionPath: r.regionPath, status: r.status, versions,
      currentVersion: versions.find((v) => v.status === 'published') ?? null,
      draft: versions.find((v) => v.status === 'draft') ?? null,
    });
  }
}

@InputType('CreateRegisterInput')
export class CreateRegisterInput {
  @Field(() => String) key!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) nameEn?: string | null;
  @Field(() => String, { description: 'The owning county.' }) regionCode!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
}

@InputType('RegisterStatusInput')
export class RegisterStatusInput {
  @Field(() => String) value!: string;
  @Field(() => String) zh!: string;
  @Field(() => String) en!: string;
  @Field(() => String, { description: 'antd preset colour (green, red, orange …) or #rrggbb' }) color!: string;
}

@InputType('RegisterChangeKindInput')
export class ChangeKindInput {
  @Field(() => String, { description: '2–40 lower-case letters, digits or _' }) key!: string;
  @Field(() => String) zh!: string;
  @Field(() => String) en!: string;
  @Field(() => Boolean, { nullable: true, description: 'A member removed under this kind has died (自然减少·死亡).' }) death?: boolean | null;
}

@InputType('RegisterDefinitionInput', { description: 'A register version: the entry schema and its settings (docs/registers.md).' })
export class RegisterDefinitionInput {
  @Field(() => GraphQLJSON) schema!: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) uiSchema?: unknown;
  @Field(() => [String]) keyFields!: string[];
  @Field(() => String) nameField!: string;
  @Field(() => String) statusField!: string;
  @Field(() => [RegisterStatusInput]) statuses!: RegisterStatusInput[];
  @Field(() => [ChangeKindInput]) changeKinds!: ChangeKindInput[];
  @Field(() => String, { nullable: true }) headIdField?: string | null;
  @Field(() => String, { nullable: true }) membersField?: string | null;
  @Field(() => String, { nullable: true, description: 'Pointer inside one member.' }) memberIdField?: string | null;
  @Field(() => String, { nullable: true, description: 'Pointer inside one member.' }) memberNameField?: string | null;
  @Field(() => [String]) editingRoles!: string[];
  @Field(() => GraphQLJSON, { nullable: true, description: 'The household file: { checklist: [{ key, title, titleEn?, programme, reachedState | event | attachment }] } (docs/registers.md).' }) dossier?: unknown;
}
