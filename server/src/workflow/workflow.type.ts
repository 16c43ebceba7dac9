import { Field, ObjectType } from 'type-graphql';
import type { WorkflowDiagram, WorkflowReport } from './index-types.js';

@ObjectType('WorkflowProblem', { description: 'One problem of a workflow definition, naming the state and event.' })
export class WorkflowProblemType {
  @Field(() => String) code!: string;
  @Field(() => String) message!: string;
  @Field(() => String, { nullable: true }) state?: string;
  @Field(() => String, { nullable: true }) event?: string;
  @Field(() => String, { nullable: true, description: 'JSON pointer into the definition, when the problem is one value (e.g. /states/monitoring/meta/review/every).' }) path?: string;
  @Field(() => String, { nullable: true, description: 'The Chinese wording, where there is one.' }) messageZh?: string;
}

@ObjectType('WorkflowReport')
export class WorkflowReportType {
  @Field(() => Boolean) ok!: boolean;
  @Field(() => [WorkflowProblemType]) errors!: WorkflowProblemType[];
  @Field(() => [WorkflowProblemType]) warnings!: WorkflowProblemType[];

  static from(r: WorkflowReport): WorkflowReportType {
    return Object.assign(new WorkflowReportType(), r);
  }
}

@ObjectType('DiagramNode')
export class DiagramNodeType {
  @Field(() => String) id!: string;
  @Field(() => String, { description: 'draft | task | notice | final' }) kind!: string;
  @Field(() => String) title!: string;
  @Field(() => String) titleEn!: string;
}

@ObjectType('DiagramEdge')
export class DiagramEdgeType {
  @Field(() => String) from!: string;
  @Field(() => String) to!: string;
  @Field(() => String) event!: string;
  @Field(() => String) title!: string;
  @Field(() => String) titleEn!: string;
  @Field(() => String, { nullable: true, description: 'The delay, for timer edges.' }) timer?: string | null;
  @Field(() => String, { nullable: true, description: 'The guard type, for guarded edges.' }) guard?: string | null;
}

@ObjectType('WorkflowDiagram')
export class WorkflowDiagramType {
  @Field(() => [DiagramNodeType]) nodes!: DiagramNodeType[];
  @Field(() => [DiagramEdgeType]) edges!: DiagramEdgeType[];

  static from(d: WorkflowDiagram): WorkflowDiagramType {
    return Object.assign(new WorkflowDiagramType(), {
      nodes: d.nodes.map((n) => ({ id: n.id, kind: n.kind, title: n.title.zh, titleEn: n.title.en })),
      edges: d.edges.map((e) => ({ from: e.from, to: e.to, event: e.event, title: e.title.zh, titleEn: e.title.en, timer: e.timer ?? null, guard: e.guard ?? null })),
    });
  }
}
