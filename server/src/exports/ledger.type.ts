import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import type { Ledger } from './ledger.service.js';

@ObjectType('LedgerField', { description: 'A field a ledger column may show: a case field (@reference) or a form field (member fields with `*`).' })
export class LedgerFieldType {
  @Field(() => String) field!: string;
  @Field(() => String, { description: 'Its Chinese title (the column header by default).' }) title!: string;
  @Field(() => String, { nullable: true }) titleEn?: string | null;
  @Field(() => String, { description: 'case | form | member' }) kind!: string;
  @Field(() => String, { nullable: true, description: 'For member fields: the member list’s title.' }) group?: string | null;
}


@ObjectType('LedgerColumn')
export class LedgerColumnType {
  @Field(() => String, { description: 'A JSON pointer into the form (`*` for every member: values joined with 、) or a case field such as @reference, @village, @state, @status, @submittedAt.' })
  field!: string;

  @Field(() => String, { description: 'The column header.' })
  title!: string;
}

@ObjectType('Ledger', { description: 'A named export layout (台账) of a programme: which columns, in which order, under which titles.' })
export class LedgerType {
  @Field(() => ID) id!: string;
  @Field(() => String) programmeKey!: string;
  @Field(() => String, { description: 'Used in GET /exports/applications.xlsx?ledger=<name>.' }) name!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) titleEn?: string | null;
  @Field(() => [LedgerColumnType]) columns!: LedgerColumnType[];
  @Field(() => GraphQLDateTime) createdAt!: Date;
  @Field(() => GraphQLDateTime) updatedAt!: Date;

  static from(l: Ledger): LedgerType {
    return Object.assign(new LedgerType(), { ...l, columns: l.columns.map((c) => Object.assign(new LedgerColumnType(), c)) });
  }
}

@InputType('LedgerColumnInput')
export class LedgerColumnInput {
  @Field(() => String) field!: string;
  @Field(() => String, { nullable: true, description: "Defaults to the field's title." }) title?: string | null;
}

@InputType('LedgerInput')
export class LedgerInput {
  @Field(() => String, { description: '1–40 letters, digits, _ or -; unique among the live layouts of the programme.' }) name!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) titleEn?: string | null;
  @Field(() => [LedgerColumnInput], { description: '1–200 columns, in order.' }) columns!: LedgerColumnInput[];
}
