import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import type { Context } from '../core/context.js';
import { WorkflowReportType } from './workflow.type.js';
import { FieldProblemType } from '../core/field-problem.type.js';
import { checkFormSchemaAsDesigner, checkWorkflowAsDesigner } from '../programmes/programme.service.js';

@Resolver()
export class WorkflowResolver {
  @Query(() => WorkflowReportType, { description: 'Static check of a workflow definition: every problem at once, no side effects. Designers, county admins and admins only; at most 256 KB.' })
  checkWorkflow(@Ctx() ctx: Context, @Arg('workflow', () => GraphQLJSON) workflow: unknown): WorkflowReportType {
    return WorkflowReportType.from(checkWorkflowAsDesigner(ctx, workflow));
  }

  @Query(() => [FieldProblemType], { description: 'Problems of a form schema (JSON pointers into the schema); empty when valid. Designers, county admins and admins only; at most 256 KB.' })
  checkFormSchema(@Ctx() ctx: Context, @Arg('formSchema', () => GraphQLJSON) formSchema: unknown): FieldProblemType[] {
    return checkFormSchemaAsDesigner(ctx, formSchema).map((p) => Object.assign(new FieldProblemType(), { path: p.path, message: p.message, messageEn: p.messageEn }));
  }
}
