import { Field, ObjectType } from 'type-graphql';

@ObjectType('FieldProblem', { description: 'A problem located by a JSON pointer.' })
export class FieldProblemType {
  @Field(() => String) path!: string;
  @Field(() => String, { description: 'Chinese.' }) message!: string;
  @Field(() => String, { description: 'English.' }) messageEn!: string;
}
