export type { WorkflowReport } from './definition.js';
export type { WorkflowDiagram } from './engine.js';
