import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import type { Context } from '../core/context.js';
import { WorkflowReportType } from './workflow.type.js';
import { FieldProblemType } from '../core/field-problem.type.js';
import { checkFormSchemaAsDesigner, checkWorkflowAsDesigner } from '../programmes/programme.service.js';

@Resolver()
export class WorkflowResolver {
  @Query(() => WorkflowReportType, {
    description: 'Static check of a workflow definition: every problem at once, no side effects. Role names are checked against the catalogue visible at the programme\'s county (programmeKey), at regionCode, or at the designer\'s own region. Designers, county admins and admins only; at most 256 KB.',
  })
  async checkWorkflow(
    @Ctx() ctx: Context,
    @Arg('workflow', () => GraphQLJSON) workflow: unknown,
    @Arg('programmeKey', () => String, { nullable: true }) programmeKey?: string | null,
    @Arg('regionCode', () => String, { nullable: true }) regionCode?: string | null,
  ): Promise<WorkflowReportType> {
    return WorkflowReportType.from(await checkWorkflowAsDesigner(ctx, workflow, { programmeKey, regionCode }));
  }

  @Query(() => [FieldProblemType], { description: 'Problems of a form schema (JSON pointers into the schema); empty when valid. Designers, county admins and admins only; at most 256 KB.' })
  checkFormSchema(@Ctx() ctx: Context, @Arg('formSchema', () => GraphQLJSON) formSchema: unknown): FieldProblemType[] {
    return checkFormSchemaAsDesigner(ctx, formSchema).map((p) => Object.assign(new FieldProblemType(), { path: p.path, message: p.message, messageEn: p.messageEn }));
  }
}
