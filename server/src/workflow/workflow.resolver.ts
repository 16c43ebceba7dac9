import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import type { Context } from '../core/context.js';
import { requireActor } from '../core/context.js';
import { checkWorkflow } from './definition.js';
import { WorkflowReportType } from './workflow.type.js';
import { FieldProblemType } from '../core/field-problem.type.js';
import { checkFormSchema } from '../programmes/form-schema.js';

@Resolver()
export class WorkflowResolver {
  @Query(() => WorkflowReportType, { description: 'Static check of a workflow definition: every problem at once, no side effects.' })
  checkWorkflow(@Ctx() ctx: Context, @Arg('workflow', () => GraphQLJSON) workflow: unknown): WorkflowReportType {
    requireActor(ctx);
    return WorkflowReportType.from(checkWorkflow(workflow));
  }

  @Query(() => [FieldProblemType], { description: 'Problems of a form schema (JSON pointers into the schema); empty when valid.' })
  checkFormSchema(@Ctx() ctx: Context, @Arg('formSchema', () => GraphQLJSON) formSchema: unknown): FieldProblemType[] {
    requireActor(ctx);
    return checkFormSchema(formSchema).map((p) => Object.assign(new FieldProblemType(), { path: p.path, message: p.message }));
  }
}
