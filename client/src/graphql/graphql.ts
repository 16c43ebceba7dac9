/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type BulkTransitionInput = {
  /** Write nothing unless every case succeeds. */
  allOrNothing?: boolean | null | undefined;
  /** One comment for every case. */
  comment?: string | null | undefined;
  event: string;
  /** The versions you saw, in the order of ids (each case is refused with VERSION_CONFLICT if it changed since). */
  expectedVersions?: Array<number> | null | undefined;
  /** At most 200 applications. */
  ids: Array<string | number>;
};

export type CaseMigrationInput = {
  /** The version number the cases are on. */
  fromVersion: number;
  /** Old state → new state; a state not listed keeps its name. */
  mapping?: Array<StateMappingInput> | null | undefined;
  /** The programme key. */
  programme: string;
  /** The newer, current published version number. */
  toVersion: number;
};

export type CreateUserInput = {
  displayName: string;
  password: string;
  /** Home region; a county admin's users default to the county. */
  regionCode?: string | null | undefined;
  username: string;
};

/** ALL_OR_NOTHING writes every row in one transaction and only when no row has a problem; VALID_ROWS writes the rows without problems. */
export type ImportCommitMode =
  | 'ALL_OR_NOTHING'
  | 'VALID_ROWS';

export type LedgerColumnInput = {
  field: string;
  /** Defaults to the field's title. */
  title?: string | null | undefined;
};

export type LedgerInput = {
  /** 1–200 columns, in order. */
  columns: Array<LedgerColumnInput>;
  /** 1–40 letters, digits, _ or -; unique among the live layouts of the programme. */
  name: string;
  title: string;
  titleEn?: string | null | undefined;
};

export type NewUserRow = {
  /** Display name. */
  name: string;
  /** Region of the grant and the user's home region. */
  regionCode: string;
  /** Role granted on regionCode (a name visible there). */
  role: string;
  username: string;
};

export type NoticeContactInput = {
  /** e.g. 顺平县蒲阳镇兴平路 12 号 (≤ 200 characters). */
  address?: string | null | undefined;
  /** e.g. 顺平县民政局社会救助股 (1–100 characters). */
  office: string;
  /** e.g. 0312-7621234. */
  phone?: string | null | undefined;
};

export type QualityFindingFilter = {
  /** A rule id or builtin:<name>. */
  checkKey?: string | null | undefined;
  /** Region code: its whole subtree. */
  regionCode?: string | null | undefined;
  severity?: string | null | undefined;
  /** open, dismissed or fixed */
  status?: string | null | undefined;
};

export type QualityRuleInput = {
  /** { "left": Measure, "op": "==", "right": Measure }; Measure = { kind: count|sum|items, field?, where? }. */
  aggregate?: any;
  /** JSON pointers of the fields to blame. */
  fields?: Array<string> | null | undefined;
  /** 3–40 characters: lower-case letters, digits, _ and -; unique among the live rules of the county. */
  key: string;
  /** A JSON Logic assertion over one record; give this or aggregate. */
  logic?: any;
  messageEn: string;
  messageZh: string;
  /** error, warning or info */
  severity: string;
  /** The programme key (application) or register key (entry). */
  sourceKey: string;
  /** application or entry */
  target: string;
};

export type RegisterChangeKindInput = {
  /** A member removed under this kind has died (自然减少·死亡). */
  death?: boolean | null | undefined;
  en: string;
  /** 2–40 lower-case letters, digits or _ */
  key: string;
  zh: string;
};

/** A register version: the entry schema and its settings (docs/registers.md). */
export type RegisterDefinitionInput = {
  changeKinds: Array<RegisterChangeKindInput>;
  /** The household file: { checklist: [{ key, title, titleEn?, programme, reachedState | event | attachment }] } (docs/registers.md). */
  dossier?: any;
  editingRoles: Array<string>;
  headIdField?: string | null | undefined;
  keyFields: Array<string>;
  /** Pointer inside one member. */
  memberIdField?: string | null | undefined;
  /** Pointer inside one member. */
  memberNameField?: string | null | undefined;
  membersField?: string | null | undefined;
  nameField: string;
  schema: any;
  statusField: string;
  statuses: Array<RegisterStatusInput>;
  uiSchema?: any;
};

export type RegisterEntryFilter = {
  /** Enum field values; all must hold. */
  fields?: Array<RegisterFieldFilter> | null | undefined;
  /** true: only households whose file misses a checklist item; false: only complete ones. */
  incomplete?: boolean | null | undefined;
  /** Region code: the whole subtree is included. */
  regionCode?: string | null | undefined;
  registerKey: string;
  /** The start of a name (head or member), a full ID number, or a masked one (1306**********1234). */
  search?: string | null | undefined;
  status?: string | null | undefined;
};

export type RegisterFieldFilter = {
  /** An enum field’s pointer (see RegisterVersion.filterFields). */
  path: string;
  value: string;
};

export type RegisterStatusInput = {
  /** antd preset colour (green, red, orange …) or #rrggbb */
  color: string;
  en: string;
  value: string;
  zh: string;
};

export type RoleInput = {
  en: string;
  /** ^[a-z][a-z0-9_]{1,39}$; what workflows and grants name. */
  name: string;
  /** The county (or city, province) defining the role. */
  regionCode: string;
  zh: string;
};

export type SaveReportInput = {
  definition: any;
  description?: string | null | undefined;
  /** Omit to create a report; give it to replace one. */
  id?: string | number | null | undefined;
  name: string;
  regionCode: string;
};

export type SimulationStepInput = {
  /** Edits sent with the step, merged into the data. */
  data?: any;
  /** An event of the state, its objection event, or `after:<delay>` to skip to a timer. */
  event: string;
  /** The role sending it (checked against the event's roles). */
  role?: string | null | undefined;
};

/** A state of the old version and the state of the new version its cases move to. */
export type StateMappingInput = {
  from: string;
  to: string;
};

/** NEWEST: most recently created first. DUE: earliest due date first, then the cases without a due date; equal due dates newest first. */
export type TaskOrder =
  | 'DUE'
  | 'NEWEST';

export type WebhookInput = {
  /** False pauses deliveries; events still queue. */
  active?: boolean | null | undefined;
  /** "*", workflow event names (SUBMIT, APPROVE, …) or "status:<STATUS>" (status after the event). */
  eventKinds: Array<string>;
  name: string;
  /** The HMAC-SHA256 key (16–200 characters). Required when creating; omit to keep it. */
  secret?: string | null | undefined;
  /** Where events are POSTed (http or https). */
  url: string;
};

export type BulkTransitionMutationVariables = Exact<{
  input: BulkTransitionInput;
}>;


export type BulkTransitionMutation = { bulkTransition: Array<{ id: string, reference: string | null, ok: boolean, code: string | null, message: string | null, messageZh: string | null, version: number | null }> };

export type LedgersQueryVariables = Exact<{
  programmeKey: string;
}>;


export type LedgersQuery = { ledgers: Array<{ name: string, title: string, titleEn: string | null }> };

export type PickEntriesQueryVariables = Exact<{
  filter: RegisterEntryFilter;
}>;


export type PickEntriesQuery = { registerEntries: { edges: Array<{ node: { id: string, name: string, status: string, regionCode: string, data: any } }> } };

export type NavAccessQueryVariables = Exact<{ [key: string]: never; }>;


export type NavAccessQuery = { programmes: Array<{ key: string, canFile: boolean }>, registers: Array<{ key: string, canReadEntries: boolean }> };

export type ProgrammeNoticeContactQueryVariables = Exact<{
  key: string;
}>;


export type ProgrammeNoticeContactQuery = { programme: { id: string, noticeContact: { office: string, phone: string | null, address: string | null } | null, noticeContactInEffect: { office: string, phone: string | null, address: string | null } } | null };

export type SetProgrammeNoticeContactMutationVariables = Exact<{
  key: string;
  contact?: NoticeContactInput | null | undefined;
}>;


export type SetProgrammeNoticeContactMutation = { setNoticeContact: { office: string, phone: string | null, address: string | null } | null };

export type FlowRolesQueryVariables = Exact<{ [key: string]: never; }>;


export type FlowRolesQuery = { roles: Array<{ name: string, zh: string, en: string }> };

export type FlowRegistersQueryVariables = Exact<{ [key: string]: never; }>;


export type FlowRegistersQuery = { registers: Array<{ key: string, name: string, nameEn: string | null, currentVersion: { schema: any, changeKinds: Array<{ key: string, zh: string, en: string }>, statuses: Array<{ value: string, zh: string, en: string }> } | null }> };

export type SimulateDraftQueryVariables = Exact<{
  formSchema?: any;
  workflow?: any;
  programme?: string | null | undefined;
  data?: any;
  entry?: any;
  steps: Array<SimulationStepInput> | SimulationStepInput;
}>;


export type SimulateDraftQuery = { simulateWorkflow: { initialState: string, finalState: string, completed: boolean, generated: boolean, entry: any, entryGenerated: boolean, dataProblems: Array<{ path: string, message: string, messageEn: string }>, steps: Array<{ index: number, event: string, role: string | null, from: string, to: string, accepted: boolean, status: string, title: string, titleEn: string, refusalCode: string | null, refusal: string | null, refusalZh: string | null, due: string | null, problems: Array<{ path: string, message: string, messageEn: string }>, computed: Array<{ pointer: string, value: any }>, effects: Array<{ op: string, entryPointer: string, formPointer: string | null, value: any }>, timers: Array<{ delay: string, duration: string, step: string, target: string }> }> } };

export type SaveSamplePathMutationVariables = Exact<{
  programme: string;
  name: string;
  data?: any;
  entry?: any;
  steps: Array<SimulationStepInput> | SimulationStepInput;
}>;


export type SaveSamplePathMutation = { saveSamplePath: { id: string, name: string, expectState: string | null } };

export type RunSamplePathsQueryVariables = Exact<{
  programme: string;
}>;


export type RunSamplePathsQuery = { runSamplePaths: Array<{ passed: boolean, endState: string | null, message: string | null, messageZh: string | null, path: { name: string } }> };

export type ProgrammeVersionDiffQueryVariables = Exact<{
  programme: string;
  from: number;
  to: number;
}>;


export type ProgrammeVersionDiffQuery = { programmeVersionDiff: { from: number, to: number, fields: Array<{ change: string, pointer: string | null, aspects: Array<string>, before: any, after: any }>, states: Array<{ change: string, state: string | null, aspects: Array<string> }>, transitions: Array<{ change: string, state: string | null, event: string | null, aspects: Array<string> }> } };

export type CaseMigrationPreviewQueryVariables = Exact<{
  input: CaseMigrationInput;
  first: number;
  after?: string | null | undefined;
}>;


export type CaseMigrationPreviewQuery = { caseMigrationPreview: { total: number, endCursor: string | null, items: Array<{ applicationId: string, reference: string, state: string, targetState: string, status: string, canMove: boolean, reasons: Array<{ code: string, message: string, messageEn: string, path: string | null }> }> } };

export type MigrateCasesMutationVariables = Exact<{
  input: CaseMigrationInput;
  ids: Array<string | number> | string | number;
}>;


export type MigrateCasesMutation = { migrateCases: { moved: Array<{ applicationId: string, reference: string, targetState: string }>, stayed: Array<{ applicationId: string, reference: string, reasons: Array<{ code: string, message: string, messageEn: string }> }> } };

export type LedgerLayoutsQueryVariables = Exact<{
  programmeKey: string;
}>;


export type LedgerLayoutsQuery = { ledgers: Array<{ name: string, title: string, titleEn: string | null, updatedAt: string, columns: Array<{ field: string, title: string }> }>, ledgerFields: Array<{ field: string, title: string, titleEn: string | null, kind: string, group: string | null }> };

export type DefineLedgerLayoutMutationVariables = Exact<{
  programmeKey: string;
  input: LedgerInput;
}>;


export type DefineLedgerLayoutMutation = { defineLedger: { name: string, title: string, columns: Array<{ field: string, title: string }> } };

export type RetireLedgerLayoutMutationVariables = Exact<{
  programmeKey: string;
  name: string;
}>;


export type RetireLedgerLayoutMutation = { retireLedger: { name: string } };

export type ChecklistProgrammesQueryVariables = Exact<{ [key: string]: never; }>;


export type ChecklistProgrammesQuery = { programmes: Array<{ key: string, name: string, nameEn: string | null, currentVersion: { workflow: any, formSchema: any } | null }> };

export type RegisterRolesQueryVariables = Exact<{
  regionCode?: string | null | undefined;
}>;


export type RegisterRolesQuery = { roles: Array<{ name: string, zh: string, en: string }> };

export type PublicNoticesQueryVariables = Exact<{
  regionCode?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type PublicNoticesQuery = { publicNotices: { totalCount: number, edges: Array<{ cursor: string, node: { reference: string, programmeKey: string, programmeName: string, regionCode: string, regionName: string, townshipName: string | null, stateTitle: string, noticeStart: string, noticeEnd: string, office: string, officePhone: string | null, officeAddress: string | null, objectionOpen: boolean, objectionPending: boolean, fields: Array<{ title: string, value: string }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type RaiseObjectionMutationVariables = Exact<{
  reference: string;
  reason: string;
  contact?: string | null | undefined;
}>;


export type RaiseObjectionMutation = { raiseObjection: { id: string, reference: string, status: string, createdAt: string, receipt: string | null } };

export type ObjectionStatusQueryVariables = Exact<{
  receipt: string;
}>;


export type ObjectionStatusQuery = { objectionStatus: { receipt: string, reference: string, status: string, createdAt: string, resolvedAt: string | null, dismissalReason: string | null } };

export type UnreadNotificationCountQueryVariables = Exact<{ [key: string]: never; }>;


export type UnreadNotificationCountQuery = { unreadNotificationCount: number };

export type NotificationsQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type NotificationsQuery = { unreadNotificationCount: number, notifications: { nodes: Array<{ id: string, kind: string, title: string, titleEn: string, applicationId: string | null, importJobId: string | null, reference: string | null, createdAt: string, readAt: string | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type MarkNotificationsReadMutationVariables = Exact<{
  ids?: Array<string | number> | string | number | null | undefined;
  all?: boolean | null | undefined;
}>;


export type MarkNotificationsReadMutation = { markNotificationsRead: number };

export type WebhooksQueryVariables = Exact<{ [key: string]: never; }>;


export type WebhooksQuery = { webhooks: Array<{ id: string, regionCode: string, name: string, url: string, eventKinds: Array<string>, active: boolean, secretHint: string, createdAt: string }> };

export type CreateWebhookMutationVariables = Exact<{
  regionCode: string;
  input: WebhookInput;
}>;


export type CreateWebhookMutation = { createWebhook: { id: string } };

export type UpdateWebhookMutationVariables = Exact<{
  id: string | number;
  input: WebhookInput;
}>;


export type UpdateWebhookMutation = { updateWebhook: { id: string } };

export type DeleteWebhookMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteWebhookMutation = { deleteWebhook: boolean };

export type WebhookDeliveriesQueryVariables = Exact<{
  id: string | number;
  first: number;
  after?: string | null | undefined;
}>;


export type WebhookDeliveriesQuery = { webhookDeliveries: { nodes: Array<{ id: string, reference: string | null, kind: string, status: string, attempts: number, nextAttemptAt: string | null, lastAttemptAt: string | null, lastStatus: number | null, lastError: string | null, deliveredAt: string | null, createdAt: string }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type RedeliverWebhookMutationVariables = Exact<{
  id: string | number;
}>;


export type RedeliverWebhookMutation = { redeliverWebhook: { id: string, status: string } };

export type OfflineCreateMutationVariables = Exact<{
  programmeKey: string;
  regionCode: string;
  data?: any;
  idempotencyKey?: string | null | undefined;
}>;


export type OfflineCreateMutation = { createApplication: { id: string, reference: string, version: number, data: any } };

export type OfflineSaveMutationVariables = Exact<{
  id: string | number;
  data: any;
  expectedVersion: number;
}>;


export type OfflineSaveMutation = { saveApplication: { id: string, reference: string, version: number, data: any } };

export type OfflineServerCopyQueryVariables = Exact<{
  id: string | number;
}>;


export type OfflineServerCopyQuery = { application: { id: string, reference: string, version: number, data: any, updatedAt: string } };

export type ProgrammeQueryVariables = Exact<{
  key: string;
}>;


export type ProgrammeQuery = { programme: { id: string, key: string, name: string, nameEn: string | null, description: string | null, regionCode: string, status: string, currentVersion: { id: string, number: number, status: string, formSchema: any, uiSchema: any, workflow: any, createdAt: string, publishedAt: string | null } | null, draft: { id: string, number: number, status: string, formSchema: any, uiSchema: any, workflow: any, createdAt: string, publishedAt: string | null } | null, versions: Array<{ id: string, number: number, status: string, formSchema: any, uiSchema: any, workflow: any, createdAt: string, publishedAt: string | null }> } | null };

export type SaveProgrammeDraftMutationVariables = Exact<{
  key: string;
  formSchema: any;
  uiSchema?: any;
  workflow: any;
}>;


export type SaveProgrammeDraftMutation = { saveProgrammeDraft: { id: string, number: number, status: string, createdAt: string } };

export type PublishProgrammeMutationVariables = Exact<{
  key: string;
}>;


export type PublishProgrammeMutation = { publishProgramme: { id: string, number: number, status: string, publishedAt: string | null } };

export type RetireProgrammeMutationVariables = Exact<{
  key: string;
}>;


export type RetireProgrammeMutation = { retireProgramme: { id: string, status: string } };

export type CheckWorkflowQueryVariables = Exact<{
  workflow: any;
}>;


export type CheckWorkflowQuery = { checkWorkflow: { ok: boolean, errors: Array<{ code: string, message: string, messageZh: string | null, state: string | null, event: string | null }>, warnings: Array<{ code: string, message: string, messageZh: string | null, state: string | null, event: string | null }> } };

export type CheckFormSchemaQueryVariables = Exact<{
  formSchema: any;
}>;


export type CheckFormSchemaQuery = { checkFormSchema: Array<{ path: string, message: string }> };

export type EntryApplicationsQueryVariables = Exact<{
  entryId: string | number;
}>;


export type EntryApplicationsQuery = { applications: { edges: Array<{ node: { id: string, reference: string, status: string, stateTitle: string, stateTitleEn: string, createdAt: string, programme: { name: string, nameEn: string | null } } }> } };

export type MyTasksQueryVariables = Exact<{
  programmeKey?: string | null | undefined;
  state?: string | null | undefined;
  regionCode?: string | null | undefined;
  overdue?: boolean | null | undefined;
  orderBy?: TaskOrder | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type MyTasksQuery = { myTasks: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, reference: string, programmeKey: string, regionCode: string, state: string, stateTitle: string, stateTitleEn: string, stateKind: string, status: string, applicantName: string | null, submittedAt: string | null, stateEnteredAt: string, updatedAt: string, noticeEndsAt: string | null, dueAt: string | null, overdue: boolean, version: number, programme: { key: string, name: string, nameEn: string | null }, region: { name: string }, openReview: { occurrence: number, title: string, titleEn: string } | null, availableActions: Array<{ event: string, title: string, titleEn: string, requiresComment: boolean }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ProgrammeStepsQueryVariables = Exact<{
  key: string;
}>;


export type ProgrammeStepsQuery = { programme: { key: string, currentVersion: { diagram: { nodes: Array<{ id: string, kind: string, title: string, titleEn: string }> } } | null } | null };

export type ProgrammeFormQueryVariables = Exact<{
  key: string;
}>;


export type ProgrammeFormQuery = { programme: { key: string, name: string, nameEn: string | null, description: string | null, currentVersion: { number: number, formSchema: any, uiSchema: any, workflow: any } | null } | null };

export type EntryForFilingQueryVariables = Exact<{
  id: string | number;
}>;


export type EntryForFilingQuery = { registerEntry: { id: string, name: string, status: string, regionCode: string, data: any, register: { key: string } } };

export type ProgrammesQueryVariables = Exact<{ [key: string]: never; }>;


export type ProgrammesQuery = { programmes: Array<{ canFile: boolean, id: string, key: string, name: string, nameEn: string | null, description: string | null, regionCode: string, status: string, currentVersion: { id: string, number: number, publishedAt: string | null } | null, draft: { id: string, number: number, createdAt: string } | null }> };

export type DesignRegistersQueryVariables = Exact<{ [key: string]: never; }>;


export type DesignRegistersQuery = { registers: Array<{ id: string, key: string, name: string, nameEn: string | null, regionCode: string, status: string, currentVersion: { id: string, number: number, publishedAt: string | null } | null, draft: { id: string, number: number, createdAt: string } | null }> };

export type CreateRegisterMutationVariables = Exact<{
  key: string;
  name: string;
  nameEn?: string | null | undefined;
  regionCode: string;
  description?: string | null | undefined;
}>;


export type CreateRegisterMutation = { createRegister: { id: string, key: string } };

export type CreateProgrammeMutationVariables = Exact<{
  key: string;
  name: string;
  nameEn?: string | null | undefined;
  regionCode: string;
  description?: string | null | undefined;
}>;


export type CreateProgrammeMutation = { createProgramme: { id: string, key: string } };

export type BoardAddressQueryVariables = Exact<{
  regionCode: string;
}>;


export type BoardAddressQuery = { publicBoardAddress: string | null };

export type PublicStatusQueryVariables = Exact<{
  reference: string;
  idLastFour: string;
}>;


export type PublicStatusQuery = { publicStatus: { reference: string, programmeName: string, stepTitle: string, stepTitleEn: string, status: string, submittedAt: string | null, stepSince: string, noticeEndsAt: string | null, dueAt: string | null } };

export type RegisterDesignQueryVariables = Exact<{
  key: string;
}>;


export type RegisterDesignQuery = { register: { id: string, key: string, name: string, nameEn: string | null, regionCode: string, status: string, currentVersion: { id: string, number: number, status: string, schema: any, uiSchema: any, keyFields: Array<string>, nameField: string, statusField: string, headIdField: string | null, membersField: string | null, memberIdField: string | null, memberNameField: string | null, editingRoles: Array<string>, statuses: Array<{ value: string, zh: string, en: string, color: string }>, changeKinds: Array<{ key: string, zh: string, en: string, death: boolean }>, checklist: Array<{ key: string, title: string, titleEn: string | null, programme: string, reachedState: string | null, event: string | null, attachment: string | null }> } | null, draft: { id: string, number: number, status: string, schema: any, uiSchema: any, keyFields: Array<string>, nameField: string, statusField: string, headIdField: string | null, membersField: string | null, memberIdField: string | null, memberNameField: string | null, editingRoles: Array<string>, statuses: Array<{ value: string, zh: string, en: string, color: string }>, changeKinds: Array<{ key: string, zh: string, en: string, death: boolean }>, checklist: Array<{ key: string, title: string, titleEn: string | null, programme: string, reachedState: string | null, event: string | null, attachment: string | null }> } | null, versions: Array<{ id: string, number: number, status: string, createdAt: string, publishedAt: string | null }> } };

export type RegisterVersionDesignFragment = { id: string, number: number, status: string, schema: any, uiSchema: any, keyFields: Array<string>, nameField: string, statusField: string, headIdField: string | null, membersField: string | null, memberIdField: string | null, memberNameField: string | null, editingRoles: Array<string>, statuses: Array<{ value: string, zh: string, en: string, color: string }>, changeKinds: Array<{ key: string, zh: string, en: string, death: boolean }>, checklist: Array<{ key: string, title: string, titleEn: string | null, programme: string, reachedState: string | null, event: string | null, attachment: string | null }> };

export type SaveRegisterDraftMutationVariables = Exact<{
  key: string;
  definition: RegisterDefinitionInput;
}>;


export type SaveRegisterDraftMutation = { saveRegisterDraft: { id: string, number: number } };

export type RetireRegisterMutationVariables = Exact<{
  key: string;
}>;


export type RetireRegisterMutation = { retireRegister: { id: string, status: string } };

export type PublishRegisterMutationVariables = Exact<{
  key: string;
}>;


export type PublishRegisterMutation = { publishRegister: { id: string, number: number } };

export type ReportsQueryVariables = Exact<{ [key: string]: never; }>;


export type ReportsQuery = { reports: Array<{ id: string, name: string, description: string | null, regionCode: string, definition: any, updatedAt: string }> };

export type RunReportQueryVariables = Exact<{
  id?: string | number | null | undefined;
  definition?: any;
  regionCode?: string | null | undefined;
}>;


export type RunReportQuery = { runReport: { total: Array<number | null>, regionCode: string | null, scopeLabel: string, scopeLabelEn: string, periodLabel: string | null, periodLabelEn: string | null, usedRollup: boolean, columns: Array<{ key: string, title: string, titleEn: string, kind: string, dimension: string | null, level: string | null }>, rows: Array<{ keys: Array<string>, labels: Array<string>, values: Array<number | null> }>, scopeRegions: Array<{ code: string, name: string, level: string }> } };

export type SaveReportMutationVariables = Exact<{
  input: SaveReportInput;
}>;


export type SaveReportMutation = { saveReport: { id: string, name: string } };

export type DeleteReportMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteReportMutation = { deleteReport: boolean };

export type ReportFormQueryVariables = Exact<{
  key: string;
}>;


export type ReportFormQuery = { programme: { key: string, currentVersion: { formSchema: any } | null } | null };

export type ReportRegisterQueryVariables = Exact<{
  key: string;
}>;


export type ReportRegisterQuery = { register: { key: string, currentVersion: { schema: any } | null } };

export type AdminUsersQueryVariables = Exact<{
  regionCode?: string | null | undefined;
  search?: string | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;


export type AdminUsersQuery = { users: { totalCount: number, edges: Array<{ node: { id: string, username: string, displayName: string, active: boolean, regionCode: string | null, roles: Array<{ role: string, roleTitle: string, roleTitleEn: string, roleRegionCode: string | null, regionCode: string }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type AdminRolesQueryVariables = Exact<{
  regionCode?: string | null | undefined;
  includeBelow: boolean;
  includeRetired: boolean;
}>;


export type AdminRolesQuery = { roles: Array<{ id: string, name: string, zh: string, en: string, builtIn: boolean, regionCode: string | null, retired: boolean, readScope: string }> };

export type AdminCreateUserMutationVariables = Exact<{
  input: CreateUserInput;
}>;


export type AdminCreateUserMutation = { createUser: { id: string, username: string } };

export type AdminCreateUsersMutationVariables = Exact<{
  rows: Array<NewUserRow> | NewUserRow;
}>;


export type AdminCreateUsersMutation = { createUsers: Array<{ initialPassword: string, user: { username: string, displayName: string, regionCode: string | null, roles: Array<{ role: string, roleTitle: string, roleTitleEn: string, regionCode: string }> } }> };

export type AdminDisableUserMutationVariables = Exact<{
  username: string;
}>;


export type AdminDisableUserMutation = { disableUser: { id: string, active: boolean } };

export type AdminEnableUserMutationVariables = Exact<{
  username: string;
}>;


export type AdminEnableUserMutation = { enableUser: { id: string, active: boolean } };

export type AdminResetPasswordMutationVariables = Exact<{
  username: string;
  password: string;
}>;


export type AdminResetPasswordMutation = { resetPassword: { id: string } };

export type AdminGrantRoleMutationVariables = Exact<{
  username: string;
  role: string;
  regionCode: string;
}>;


export type AdminGrantRoleMutation = { grantRole: { role: string, regionCode: string } };

export type AdminRevokeRoleMutationVariables = Exact<{
  username: string;
  role: string;
  regionCode: string;
}>;


export type AdminRevokeRoleMutation = { revokeRole: boolean };

export type AdminDefineRoleMutationVariables = Exact<{
  input: RoleInput;
}>;


export type AdminDefineRoleMutation = { defineRole: { id: string, name: string } };

export type AdminUpdateRoleMutationVariables = Exact<{
  input: RoleInput;
}>;


export type AdminUpdateRoleMutation = { updateRole: { id: string, name: string } };

export type AdminRetireRoleMutationVariables = Exact<{
  name: string;
  regionCode: string;
}>;


export type AdminRetireRoleMutation = { retireRole: { id: string, retired: boolean } };

export type ApplicationFullFragment = { id: string, reference: string, programmeKey: string, regionCode: string, data: any, state: string, stateTitle: string, stateTitleEn: string, stateKind: string, status: string, version: number, applicantName: string | null, createdAt: string, updatedAt: string, submittedAt: string | null, stateEnteredAt: string, noticeEndsAt: string | null, openObjections: number, dueAt: string | null, overdue: boolean, editableFields: Array<string>, programme: { key: string, name: string, nameEn: string | null }, programmeVersion: { number: number, formSchema: any, uiSchema: any, diagram: { nodes: Array<{ id: string, kind: string, title: string, titleEn: string }>, edges: Array<{ from: string, to: string, event: string, title: string, titleEn: string, timer: string | null }> } }, region: { name: string }, entry: { id: string, name: string, status: string } | null, openReview: { occurrence: number, title: string, titleEn: string } | null, availableActions: Array<{ event: string, title: string, titleEn: string, requiresComment: boolean }>, blockedActions: Array<{ event: string, reason: string, reasonEn: string, paths: Array<string> }>, quorum: { event: string, title: string, titleEn: string, needed: number, votes: number, voters: Array<{ name: string | null, role: string | null, decision: string, at: string }> } | null, history: Array<{ id: string, at: string, actorName: string | null, role: string | null, regionCode: string | null, event: string, eventTitle: string, eventTitleEn: string, fromState: string | null, toState: string, fromTitle: string | null, toTitle: string | null, comment: string | null, changedFields: Array<string>, occurrence: number | null }>, objections: Array<{ id: string, reason: string, contact: string | null, status: string, outcomeComment: string | null, createdAt: string }> };

export type ApplicationQueryVariables = Exact<{
  id: string | number;
}>;


export type ApplicationQuery = { application: { id: string, reference: string, programmeKey: string, regionCode: string, data: any, state: string, stateTitle: string, stateTitleEn: string, stateKind: string, status: string, version: number, applicantName: string | null, createdAt: string, updatedAt: string, submittedAt: string | null, stateEnteredAt: string, noticeEndsAt: string | null, openObjections: number, dueAt: string | null, overdue: boolean, editableFields: Array<string>, programme: { key: string, name: string, nameEn: string | null }, programmeVersion: { number: number, formSchema: any, uiSchema: any, diagram: { nodes: Array<{ id: string, kind: string, title: string, titleEn: string }>, edges: Array<{ from: string, to: string, event: string, title: string, titleEn: string, timer: string | null }> } }, region: { name: string }, entry: { id: string, name: string, status: string } | null, openReview: { occurrence: number, title: string, titleEn: string } | null, availableActions: Array<{ event: string, title: string, titleEn: string, requiresComment: boolean }>, blockedActions: Array<{ event: string, reason: string, reasonEn: string, paths: Array<string> }>, quorum: { event: string, title: string, titleEn: string, needed: number, votes: number, voters: Array<{ name: string | null, role: string | null, decision: string, at: string }> } | null, history: Array<{ id: string, at: string, actorName: string | null, role: string | null, regionCode: string | null, event: string, eventTitle: string, eventTitleEn: string, fromState: string | null, toState: string, fromTitle: string | null, toTitle: string | null, comment: string | null, changedFields: Array<string>, occurrence: number | null }>, objections: Array<{ id: string, reason: string, contact: string | null, status: string, outcomeComment: string | null, createdAt: string }> } };

export type CreateApplicationMutationVariables = Exact<{
  programmeKey: string;
  regionCode: string;
  data?: any;
  idempotencyKey?: string | null | undefined;
  entryId?: string | number | null | undefined;
}>;


export type CreateApplicationMutation = { createApplication: { id: string, reference: string, programmeKey: string, regionCode: string, data: any, state: string, stateTitle: string, stateTitleEn: string, stateKind: string, status: string, version: number, applicantName: string | null, createdAt: string, updatedAt: string, submittedAt: string | null, stateEnteredAt: string, noticeEndsAt: string | null, openObjections: number, dueAt: string | null, overdue: boolean, editableFields: Array<string>, programme: { key: string, name: string, nameEn: string | null }, programmeVersion: { number: number, formSchema: any, uiSchema: any, diagram: { nodes: Array<{ id: string, kind: string, title: string, titleEn: string }>, edges: Array<{ from: string, to: string, event: string, title: string, titleEn: string, timer: string | null }> } }, region: { name: string }, entry: { id: string, name: string, status: string } | null, openReview: { occurrence: number, title: string, titleEn: string } | null, availableActions: Array<{ event: string, title: string, titleEn: string, requiresComment: boolean }>, blockedActions: Array<{ event: string, reason: string, reasonEn: string, paths: Array<string> }>, quorum: { event: string, title: string, titleEn: string, needed: number, votes: number, voters: Array<{ name: string | null, role: string | null, decision: string, at: string }> } | null, history: Array<{ id: string, at: string, actorName: string | null, role: string | null, regionCode: string | null, event: string, eventTitle: string, eventTitleEn: string, fromState: string | null, toState: string, fromTitle: string | null, toTitle: string | null, comment: string | null, changedFields: Array<string>, occurrence: number | null }>, objections: Array<{ id: string, reason: string, contact: string | null, status: string, outcomeComment: string | null, createdAt: string }> } };

export type SaveApplicationMutationVariables = Exact<{
  id: string | number;
  data: any;
  expectedVersion: number;
}>;


export type SaveApplicationMutation = { saveApplication: { id: string, reference: string, programmeKey: string, regionCode: string, data: any, state: string, stateTitle: string, stateTitleEn: string, stateKind: string, status: string, version: number, applicantName: string | null, createdAt: string, updatedAt: string, submittedAt: string | null, stateEnteredAt: string, noticeEndsAt: string | null, openObjections: number, dueAt: string | null, overdue: boolean, editableFields: Array<string>, programme: { key: string, name: string, nameEn: string | null }, programmeVersion: { number: number, formSchema: any, uiSchema: any, diagram: { nodes: Array<{ id: string, kind: string, title: string, titleEn: string }>, edges: Array<{ from: string, to: string, event: string, title: string, titleEn: string, timer: string | null }> } }, region: { name: string }, entry: { id: string, name: string, status: string } | null, openReview: { occurrence: number, title: string, titleEn: string } | null, availableActions: Array<{ event: string, title: string, titleEn: string, requiresComment: boolean }>, blockedActions: Array<{ event: string, reason: string, reasonEn: string, paths: Array<string> }>, quorum: { event: string, title: string, titleEn: string, needed: number, votes: number, voters: Array<{ name: string | null, role: string | null, decision: string, at: string }> } | null, history: Array<{ id: string, at: string, actorName: string | null, role: string | null, regionCode: string | null, event: string, eventTitle: string, eventTitleEn: string, fromState: string | null, toState: string, fromTitle: string | null, toTitle: string | null, comment: string | null, changedFields: Array<string>, occurrence: number | null }>, objections: Array<{ id: string, reason: string, contact: string | null, status: string, outcomeComment: string | null, createdAt: string }> } };

export type SubmitApplicationMutationVariables = Exact<{
  id: string | number;
  expectedVersion: number;
}>;


export type SubmitApplicationMutation = { submitApplication: { id: string, reference: string, programmeKey: string, regionCode: string, data: any, state: string, stateTitle: string, stateTitleEn: string, stateKind: string, status: string, version: number, applicantName: string | null, createdAt: string, updatedAt: string, submittedAt: string | null, stateEnteredAt: string, noticeEndsAt: string | null, openObjections: number, dueAt: string | null, overdue: boolean, editableFields: Array<string>, programme: { key: string, name: string, nameEn: string | null }, programmeVersion: { number: number, formSchema: any, uiSchema: any, diagram: { nodes: Array<{ id: string, kind: string, title: string, titleEn: string }>, edges: Array<{ from: string, to: string, event: string, title: string, titleEn: string, timer: string | null }> } }, region: { name: string }, entry: { id: string, name: string, status: string } | null, openReview: { occurrence: number, title: string, titleEn: string } | null, availableActions: Array<{ event: string, title: string, titleEn: string, requiresComment: boolean }>, blockedActions: Array<{ event: string, reason: string, reasonEn: string, paths: Array<string> }>, quorum: { event: string, title: string, titleEn: string, needed: number, votes: number, voters: Array<{ name: string | null, role: string | null, decision: string, at: string }> } | null, history: Array<{ id: string, at: string, actorName: string | null, role: string | null, regionCode: string | null, event: string, eventTitle: string, eventTitleEn: string, fromState: string | null, toState: string, fromTitle: string | null, toTitle: string | null, comment: string | null, changedFields: Array<string>, occurrence: number | null }>, objections: Array<{ id: string, reason: string, contact: string | null, status: string, outcomeComment: string | null, createdAt: string }> } };

export type TransitionApplicationMutationVariables = Exact<{
  id: string | number;
  event: string;
  comment?: string | null | undefined;
  data?: any;
  expectedVersion: number;
}>;


export type TransitionApplicationMutation = { transitionApplication: { id: string, reference: string, programmeKey: string, regionCode: string, data: any, state: string, stateTitle: string, stateTitleEn: string, stateKind: string, status: string, version: number, applicantName: string | null, createdAt: string, updatedAt: string, submittedAt: string | null, stateEnteredAt: string, noticeEndsAt: string | null, openObjections: number, dueAt: string | null, overdue: boolean, editableFields: Array<string>, programme: { key: string, name: string, nameEn: string | null }, programmeVersion: { number: number, formSchema: any, uiSchema: any, diagram: { nodes: Array<{ id: string, kind: string, title: string, titleEn: string }>, edges: Array<{ from: string, to: string, event: string, title: string, titleEn: string, timer: string | null }> } }, region: { name: string }, entry: { id: string, name: string, status: string } | null, openReview: { occurrence: number, title: string, titleEn: string } | null, availableActions: Array<{ event: string, title: string, titleEn: string, requiresComment: boolean }>, blockedActions: Array<{ event: string, reason: string, reasonEn: string, paths: Array<string> }>, quorum: { event: string, title: string, titleEn: string, needed: number, votes: number, voters: Array<{ name: string | null, role: string | null, decision: string, at: string }> } | null, history: Array<{ id: string, at: string, actorName: string | null, role: string | null, regionCode: string | null, event: string, eventTitle: string, eventTitleEn: string, fromState: string | null, toState: string, fromTitle: string | null, toTitle: string | null, comment: string | null, changedFields: Array<string>, occurrence: number | null }>, objections: Array<{ id: string, reason: string, contact: string | null, status: string, outcomeComment: string | null, createdAt: string }> } };

export type ResolveObjectionMutationVariables = Exact<{
  id: string | number;
  outcome: string;
  comment: string;
}>;


export type ResolveObjectionMutation = { resolveObjection: { id: string, status: string } };

export type ApplicationListQueryVariables = Exact<{
  search?: string | null | undefined;
  programmeKey?: string | null | undefined;
  status?: string | null | undefined;
  state?: string | null | undefined;
  regionCode?: string | null | undefined;
  submittedFrom?: string | null | undefined;
  submittedTo?: string | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;


export type ApplicationListQuery = { applications: { totalCount: number, edges: Array<{ node: { id: string, reference: string, programmeKey: string, regionCode: string, state: string, stateTitle: string, stateTitleEn: string, stateKind: string, status: string, applicantName: string | null, submittedAt: string | null, updatedAt: string, version: number, programme: { key: string, name: string, nameEn: string | null }, region: { name: string }, availableActions: Array<{ event: string, title: string, titleEn: string, requiresComment: boolean }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ImportTargetsQueryVariables = Exact<{ [key: string]: never; }>;


export type ImportTargetsQuery = { programmes: Array<{ key: string, name: string, nameEn: string | null, status: string, currentVersion: { number: number } | null }>, registers: Array<{ key: string, name: string, nameEn: string | null, status: string, currentVersion: { number: number } | null }> };

export type ImportJobQueryVariables = Exact<{
  id: string | number;
  first: number;
  after?: string | null | undefined;
}>;


export type ImportJobQuery = { importJob: { id: string, targetKind: string, targetKey: string, fileName: string, status: string, mode: ImportCommitMode | null, totalRows: number, validatedRows: number, validRows: number, linkedRows: number, errorRows: number, problemCount: number, writtenRows: number, skippedRows: number, progressDone: number, progressTotal: number, etaSeconds: number | null, message: string | null, messageZh: string | null, markedFileUrl: string, cancelRequested: boolean, submit: boolean, submitAllowed: boolean, problems: { nodes: Array<{ row: number, sheet: string, line: number, column: string | null, message: string, messageEn: string }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } };

export type CommitImportMutationVariables = Exact<{
  id: string | number;
  mode: ImportCommitMode;
  submit: boolean;
}>;


export type CommitImportMutation = { commitImport: { id: string, status: string } };

export type CancelImportMutationVariables = Exact<{
  id: string | number;
}>;


export type CancelImportMutation = { cancelImport: { id: string, status: string } };

export type QualityFindingsQueryVariables = Exact<{
  filter?: QualityFindingFilter | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;


export type QualityFindingsQuery = { qualityFindings: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, checkKey: string, ruleKey: string | null, recordKind: string, recordKey: string, recordLabel: string | null, sourceKey: string | null, regionCode: string, severity: string, messageZh: string, messageEn: string, fields: Array<string>, detail: any, status: string, comment: string | null, dismissedAt: string | null, firstSeenAt: string, lastSeenAt: string, fixedAt: string | null } }> } };

export type QualitySummaryQueryVariables = Exact<{
  regionCode?: string | null | undefined;
}>;


export type QualitySummaryQuery = { qualitySummary: Array<{ regionCode: string, checkKey: string, ruleKey: string | null, severity: string, messageZh: string, messageEn: string, open: number, dismissed: number }> };

export type DismissQualityFindingMutationVariables = Exact<{
  id: string | number;
  comment: string;
}>;


export type DismissQualityFindingMutation = { dismissQualityFinding: { id: string, status: string, comment: string | null } };

export type RunQualityRulesMutationVariables = Exact<{
  regionCode: string;
}>;


export type RunQualityRulesMutation = { runQualityRules: { id: string, recordsChecked: number, findingsOpened: number, findingsClosed: number, truncated: boolean } };

export type QualityRulesQueryVariables = Exact<{ [key: string]: never; }>;


export type QualityRulesQuery = { qualityRules: Array<{ id: string, key: string, kind: string, target: string, sourceKey: string, regionCode: string, logic: any, aggregate: any, severity: string, messageZh: string, messageEn: string, fields: Array<string>, updatedAt: string }>, qualitySchedules: Array<{ regionCode: string, cron: string, enabled: boolean, nextRunAt: string | null }>, programmes: Array<{ key: string, name: string, nameEn: string | null, currentVersion: { number: number } | null }>, registers: Array<{ key: string, name: string, nameEn: string | null, currentVersion: { number: number } | null }> };

export type DefineQualityRuleMutationVariables = Exact<{
  input: QualityRuleInput;
}>;


export type DefineQualityRuleMutation = { defineQualityRule: { id: string, key: string } };

export type UpdateQualityRuleMutationVariables = Exact<{
  id: string | number;
  input: QualityRuleInput;
}>;


export type UpdateQualityRuleMutation = { updateQualityRule: { id: string, key: string } };

export type RetireQualityRuleMutationVariables = Exact<{
  id: string | number;
}>;


export type RetireQualityRuleMutation = { retireQualityRule: { id: string, retiredAt: string | null } };

export type PreviewQualityRuleQueryVariables = Exact<{
  regionCode: string;
  input: QualityRuleInput;
}>;


export type PreviewQualityRuleQuery = { previewQualityRule: { checked: number, failing: number, errors: number, hits: Array<{ recordKey: string, label: string, regionCode: string, detail: any }> } };

export type SetQualityScheduleMutationVariables = Exact<{
  regionCode: string;
  cron: string;
  enabled: boolean;
}>;


export type SetQualityScheduleMutation = { setQualitySchedule: { regionCode: string, cron: string, enabled: boolean, nextRunAt: string | null } };

export type RegistersQueryVariables = Exact<{ [key: string]: never; }>;


export type RegistersQuery = { registers: Array<{ id: string, key: string, name: string, nameEn: string | null, regionCode: string, status: string, canReadEntries: boolean, currentVersion: { id: string, number: number, statusField: string, statuses: Array<{ value: string, zh: string, en: string, color: string }>, changeKinds: Array<{ key: string, zh: string, en: string }>, filterFields: Array<{ path: string, title: string, values: Array<string>, many: boolean }>, checklist: Array<{ key: string }> } | null }> };

export type RegisterEntryListQueryVariables = Exact<{
  registerKey: string;
  regionCode?: string | null | undefined;
  status?: string | null | undefined;
  search?: string | null | undefined;
  fields?: Array<RegisterFieldFilter> | RegisterFieldFilter | null | undefined;
  incomplete?: boolean | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;


export type RegisterEntryListQuery = { registerEntries: { totalCount: number, edges: Array<{ node: { id: string, key: string, name: string, status: string, statusTitle: string, statusTitleEn: string, statusColor: string, regionCode: string, updatedAt: string, version: number, region: { name: string } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type RegisterEntryFullFragment = { id: string, key: string, name: string, status: string, statusTitle: string, statusTitleEn: string, statusColor: string, regionCode: string, data: any, version: number, canEdit: boolean, createdAt: string, updatedAt: string, region: { name: string }, register: { key: string, name: string, nameEn: string | null, status: string, currentVersion: { id: string, number: number, schema: any, uiSchema: any, statusField: string, membersField: string | null, memberIdField: string | null, memberNameField: string | null, statuses: Array<{ value: string, zh: string, en: string, color: string }>, changeKinds: Array<{ key: string, zh: string, en: string }> } | null }, persons: Array<{ idNumber: string, role: string, name: string | null, pointer: string }>, checklist: Array<{ key: string, title: string, titleEn: string | null, programme: string, done: boolean, applicationReference: string | null }>, changes: Array<{ id: string, seq: number, at: string, actorName: string | null, role: string | null, regionCode: string | null, kind: string, kindTitle: string | null, kindTitleEn: string | null, comment: string | null, applicationReference: string | null, sourceFile: string | null, changes: Array<{ path: string, before: any, after: any }> }> };

export type RegisterEntryQueryVariables = Exact<{
  id: string | number;
}>;


export type RegisterEntryQuery = { registerEntry: { id: string, key: string, name: string, status: string, statusTitle: string, statusTitleEn: string, statusColor: string, regionCode: string, data: any, version: number, canEdit: boolean, createdAt: string, updatedAt: string, region: { name: string }, register: { key: string, name: string, nameEn: string | null, status: string, currentVersion: { id: string, number: number, schema: any, uiSchema: any, statusField: string, membersField: string | null, memberIdField: string | null, memberNameField: string | null, statuses: Array<{ value: string, zh: string, en: string, color: string }>, changeKinds: Array<{ key: string, zh: string, en: string }> } | null }, persons: Array<{ idNumber: string, role: string, name: string | null, pointer: string }>, checklist: Array<{ key: string, title: string, titleEn: string | null, programme: string, done: boolean, applicationReference: string | null }>, changes: Array<{ id: string, seq: number, at: string, actorName: string | null, role: string | null, regionCode: string | null, kind: string, kindTitle: string | null, kindTitleEn: string | null, comment: string | null, applicationReference: string | null, sourceFile: string | null, changes: Array<{ path: string, before: any, after: any }> }> } };

export type UpdateRegisterEntryMutationVariables = Exact<{
  id: string | number;
  data: any;
  expectedVersion: number;
  kind: string;
  comment?: string | null | undefined;
  movePersons?: Array<string> | string | null | undefined;
}>;


export type UpdateRegisterEntryMutation = { updateRegisterEntry: { id: string, key: string, name: string, status: string, statusTitle: string, statusTitleEn: string, statusColor: string, regionCode: string, data: any, version: number, canEdit: boolean, createdAt: string, updatedAt: string, region: { name: string }, register: { key: string, name: string, nameEn: string | null, status: string, currentVersion: { id: string, number: number, schema: any, uiSchema: any, statusField: string, membersField: string | null, memberIdField: string | null, memberNameField: string | null, statuses: Array<{ value: string, zh: string, en: string, color: string }>, changeKinds: Array<{ key: string, zh: string, en: string }> } | null }, persons: Array<{ idNumber: string, role: string, name: string | null, pointer: string }>, checklist: Array<{ key: string, title: string, titleEn: string | null, programme: string, done: boolean, applicationReference: string | null }>, changes: Array<{ id: string, seq: number, at: string, actorName: string | null, role: string | null, regionCode: string | null, kind: string, kindTitle: string | null, kindTitleEn: string | null, comment: string | null, applicationReference: string | null, sourceFile: string | null, changes: Array<{ path: string, before: any, after: any }> }> } };

export type RegionsQueryVariables = Exact<{
  parentCode?: string | null | undefined;
}>;


export type RegionsQuery = { regions: Array<{ code: string, name: string, level: string, parentCode: string | null }> };

export type RegionQueryVariables = Exact<{
  code: string;
}>;


export type RegionQuery = { region: { code: string, name: string, level: string, parentCode: string | null } };

export type RolesQueryVariables = Exact<{ [key: string]: never; }>;


export type RolesQuery = { roles: Array<{ name: string, zh: string, en: string }> };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, username: string, displayName: string, roles: Array<{ role: string, roleTitle: string, regionCode: string }> } | null };

export type LoginMutationVariables = Exact<{
  username: string;
  password: string;
}>;


export type LoginMutation = { login: { token: string, expiresAt: string, user: { id: string, username: string, displayName: string, roles: Array<{ role: string, roleTitle: string, regionCode: string }> } } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const RegisterVersionDesignFragmentDoc = new TypedDocumentString(`
    fragment RegisterVersionDesign on RegisterVersion {
  id
  number
  status
  schema
  uiSchema
  keyFields
  nameField
  statusField
  statuses {
    value
    zh
    en
    color
  }
  changeKinds {
    key
    zh
    en
    death
  }
  headIdField
  membersField
  memberIdField
  memberNameField
  editingRoles
  checklist {
    key
    title
    titleEn
    programme
    reachedState
    event
    attachment
  }
}
    `, {"fragmentName":"RegisterVersionDesign"}) as unknown as TypedDocumentString<RegisterVersionDesignFragment, unknown>;
export const ApplicationFullFragmentDoc = new TypedDocumentString(`
    fragment ApplicationFull on Application {
  id
  reference
  programmeKey
  programme {
    key
    name
    nameEn
  }
  programmeVersion {
    number
    formSchema
    uiSchema
    diagram {
      nodes {
        id
        kind
        title
        titleEn
      }
      edges {
        from
        to
        event
        title
        titleEn
        timer
      }
    }
  }
  regionCode
  region {
    name
  }
  entry {
    id
    name
    status
  }
  data
  state
  stateTitle
  stateTitleEn
  stateKind
  status
  version
  applicantName
  createdAt
  updatedAt
  submittedAt
  stateEnteredAt
  noticeEndsAt
  openObjections
  dueAt
  overdue
  openReview {
    occurrence
    title
    titleEn
  }
  editableFields
  availableActions {
    event
    title
    titleEn
    requiresComment
  }
  blockedActions {
    event
    reason
    reasonEn
    paths
  }
  quorum {
    event
    title
    titleEn
    needed
    votes
    voters {
      name
      role
      decision
      at
    }
  }
  history {
    id
    at
    actorName
    role
    regionCode
    event
    eventTitle
    eventTitleEn
    fromState
    toState
    fromTitle
    toTitle
    comment
    changedFields
    occurrence
  }
  objections {
    id
    reason
    contact
    status
    outcomeComment
    createdAt
  }
}
    `, {"fragmentName":"ApplicationFull"}) as unknown as TypedDocumentString<ApplicationFullFragment, unknown>;
export const RegisterEntryFullFragmentDoc = new TypedDocumentString(`
    fragment RegisterEntryFull on RegisterEntry {
  id
  key
  name
  status
  statusTitle
  statusTitleEn
  statusColor
  regionCode
  region {
    name
  }
  data
  version
  canEdit
  createdAt
  updatedAt
  register {
    key
    name
    nameEn
    status
    currentVersion {
      id
      number
      schema
      uiSchema
      statusField
      membersField
      memberIdField
      memberNameField
      statuses {
        value
        zh
        en
        color
      }
      changeKinds {
        key
        zh
        en
      }
    }
  }
  persons {
    idNumber
    role
    name
    pointer
  }
  checklist {
    key
    title
    titleEn
    programme
    done
    applicationReference
  }
  changes(last: 30) {
    id
    seq
    at
    actorName
    role
    regionCode
    kind
    kindTitle
    kindTitleEn
    comment
    applicationReference
    sourceFile
    changes {
      path
      before
      after
    }
  }
}
    `, {"fragmentName":"RegisterEntryFull"}) as unknown as TypedDocumentString<RegisterEntryFullFragment, unknown>;
export const BulkTransitionDocument = new TypedDocumentString(`
    mutation BulkTransition($input: BulkTransitionInput!) {
  bulkTransition(input: $input) {
    id
    reference
    ok
    code
    message
    messageZh
    version
  }
}
    `) as unknown as TypedDocumentString<BulkTransitionMutation, BulkTransitionMutationVariables>;
export const LedgersDocument = new TypedDocumentString(`
    query Ledgers($programmeKey: String!) {
  ledgers(programmeKey: $programmeKey) {
    name
    title
    titleEn
  }
}
    `) as unknown as TypedDocumentString<LedgersQuery, LedgersQueryVariables>;
export const PickEntriesDocument = new TypedDocumentString(`
    query PickEntries($filter: RegisterEntryFilter!) {
  registerEntries(filter: $filter, first: 20) {
    edges {
      node {
        id
        name
        status
        regionCode
        data
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PickEntriesQuery, PickEntriesQueryVariables>;
export const NavAccessDocument = new TypedDocumentString(`
    query NavAccess {
  programmes {
    key
    canFile
  }
  registers {
    key
    canReadEntries
  }
}
    `) as unknown as TypedDocumentString<NavAccessQuery, NavAccessQueryVariables>;
export const ProgrammeNoticeContactDocument = new TypedDocumentString(`
    query ProgrammeNoticeContact($key: String!) {
  programme(key: $key) {
    id
    noticeContact {
      office
      phone
      address
    }
    noticeContactInEffect {
      office
      phone
      address
    }
  }
}
    `) as unknown as TypedDocumentString<ProgrammeNoticeContactQuery, ProgrammeNoticeContactQueryVariables>;
export const SetProgrammeNoticeContactDocument = new TypedDocumentString(`
    mutation SetProgrammeNoticeContact($key: String!, $contact: NoticeContactInput) {
  setNoticeContact(programmeKey: $key, contact: $contact) {
    office
    phone
    address
  }
}
    `) as unknown as TypedDocumentString<SetProgrammeNoticeContactMutation, SetProgrammeNoticeContactMutationVariables>;
export const FlowRolesDocument = new TypedDocumentString(`
    query FlowRoles {
  roles {
    name
    zh
    en
  }
}
    `) as unknown as TypedDocumentString<FlowRolesQuery, FlowRolesQueryVariables>;
export const FlowRegistersDocument = new TypedDocumentString(`
    query FlowRegisters {
  registers {
    key
    name
    nameEn
    currentVersion {
      schema
      changeKinds {
        key
        zh
        en
      }
      statuses {
        value
        zh
        en
      }
    }
  }
}
    `) as unknown as TypedDocumentString<FlowRegistersQuery, FlowRegistersQueryVariables>;
export const SimulateDraftDocument = new TypedDocumentString(`
    query SimulateDraft($formSchema: JSON, $workflow: JSON, $programme: String, $data: JSON, $entry: JSON, $steps: [SimulationStepInput!]!) {
  simulateWorkflow(
    formSchema: $formSchema
    workflow: $workflow
    programme: $programme
    data: $data
    entry: $entry
    steps: $steps
  ) {
    initialState
    finalState
    completed
    generated
    entry
    entryGenerated
    dataProblems {
      path
      message
      messageEn
    }
    steps {
      index
      event
      role
      from
      to
      accepted
      status
      title
      titleEn
      refusalCode
      refusal
      refusalZh
      problems {
        path
        message
        messageEn
      }
      computed {
        pointer
        value
      }
      effects {
        op
        entryPointer
        formPointer
        value
      }
      timers {
        delay
        duration
        step
        target
      }
      due
    }
  }
}
    `) as unknown as TypedDocumentString<SimulateDraftQuery, SimulateDraftQueryVariables>;
export const SaveSamplePathDocument = new TypedDocumentString(`
    mutation SaveSamplePath($programme: String!, $name: String!, $data: JSON, $entry: JSON, $steps: [SimulationStepInput!]!) {
  saveSamplePath(
    programme: $programme
    name: $name
    data: $data
    entry: $entry
    steps: $steps
  ) {
    id
    name
    expectState
  }
}
    `) as unknown as TypedDocumentString<SaveSamplePathMutation, SaveSamplePathMutationVariables>;
export const RunSamplePathsDocument = new TypedDocumentString(`
    query RunSamplePaths($programme: String!) {
  runSamplePaths(programme: $programme) {
    passed
    endState
    message
    messageZh
    path {
      name
    }
  }
}
    `) as unknown as TypedDocumentString<RunSamplePathsQuery, RunSamplePathsQueryVariables>;
export const ProgrammeVersionDiffDocument = new TypedDocumentString(`
    query ProgrammeVersionDiff($programme: String!, $from: Int!, $to: Int!) {
  programmeVersionDiff(programme: $programme, from: $from, to: $to) {
    from
    to
    fields {
      change
      pointer
      aspects
      before
      after
    }
    states {
      change
      state
      aspects
    }
    transitions {
      change
      state
      event
      aspects
    }
  }
}
    `) as unknown as TypedDocumentString<ProgrammeVersionDiffQuery, ProgrammeVersionDiffQueryVariables>;
export const CaseMigrationPreviewDocument = new TypedDocumentString(`
    query CaseMigrationPreview($input: CaseMigrationInput!, $first: Int!, $after: String) {
  caseMigrationPreview(input: $input, first: $first, after: $after) {
    total
    endCursor
    items {
      applicationId
      reference
      state
      targetState
      status
      canMove
      reasons {
        code
        message
        messageEn
        path
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CaseMigrationPreviewQuery, CaseMigrationPreviewQueryVariables>;
export const MigrateCasesDocument = new TypedDocumentString(`
    mutation MigrateCases($input: CaseMigrationInput!, $ids: [ID!]!) {
  migrateCases(input: $input, applicationIds: $ids) {
    moved {
      applicationId
      reference
      targetState
    }
    stayed {
      applicationId
      reference
      reasons {
        code
        message
        messageEn
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MigrateCasesMutation, MigrateCasesMutationVariables>;
export const LedgerLayoutsDocument = new TypedDocumentString(`
    query LedgerLayouts($programmeKey: String!) {
  ledgers(programmeKey: $programmeKey) {
    name
    title
    titleEn
    updatedAt
    columns {
      field
      title
    }
  }
  ledgerFields(programmeKey: $programmeKey) {
    field
    title
    titleEn
    kind
    group
  }
}
    `) as unknown as TypedDocumentString<LedgerLayoutsQuery, LedgerLayoutsQueryVariables>;
export const DefineLedgerLayoutDocument = new TypedDocumentString(`
    mutation DefineLedgerLayout($programmeKey: String!, $input: LedgerInput!) {
  defineLedger(programmeKey: $programmeKey, input: $input) {
    name
    title
    columns {
      field
      title
    }
  }
}
    `) as unknown as TypedDocumentString<DefineLedgerLayoutMutation, DefineLedgerLayoutMutationVariables>;
export const RetireLedgerLayoutDocument = new TypedDocumentString(`
    mutation RetireLedgerLayout($programmeKey: String!, $name: String!) {
  retireLedger(programmeKey: $programmeKey, name: $name) {
    name
  }
}
    `) as unknown as TypedDocumentString<RetireLedgerLayoutMutation, RetireLedgerLayoutMutationVariables>;
export const ChecklistProgrammesDocument = new TypedDocumentString(`
    query ChecklistProgrammes {
  programmes {
    key
    name
    nameEn
    currentVersion {
      workflow
      formSchema
    }
  }
}
    `) as unknown as TypedDocumentString<ChecklistProgrammesQuery, ChecklistProgrammesQueryVariables>;
export const RegisterRolesDocument = new TypedDocumentString(`
    query RegisterRoles($regionCode: String) {
  roles(regionCode: $regionCode) {
    name
    zh
    en
  }
}
    `) as unknown as TypedDocumentString<RegisterRolesQuery, RegisterRolesQueryVariables>;
export const PublicNoticesDocument = new TypedDocumentString(`
    query PublicNotices($regionCode: String, $first: Int, $after: String) {
  publicNotices(regionCode: $regionCode, first: $first, after: $after) {
    totalCount
    edges {
      cursor
      node {
        reference
        programmeKey
        programmeName
        regionCode
        regionName
        townshipName
        stateTitle
        noticeStart
        noticeEnd
        office
        officePhone
        officeAddress
        fields {
          title
          value
        }
        objectionOpen
        objectionPending
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<PublicNoticesQuery, PublicNoticesQueryVariables>;
export const RaiseObjectionDocument = new TypedDocumentString(`
    mutation RaiseObjection($reference: String!, $reason: String!, $contact: String) {
  raiseObjection(reference: $reference, reason: $reason, contact: $contact) {
    id
    reference
    status
    createdAt
    receipt
  }
}
    `) as unknown as TypedDocumentString<RaiseObjectionMutation, RaiseObjectionMutationVariables>;
export const ObjectionStatusDocument = new TypedDocumentString(`
    query ObjectionStatus($receipt: String!) {
  objectionStatus(receipt: $receipt) {
    receipt
    reference
    status
    createdAt
    resolvedAt
    dismissalReason
  }
}
    `) as unknown as TypedDocumentString<ObjectionStatusQuery, ObjectionStatusQueryVariables>;
export const UnreadNotificationCountDocument = new TypedDocumentString(`
    query UnreadNotificationCount {
  unreadNotificationCount
}
    `) as unknown as TypedDocumentString<UnreadNotificationCountQuery, UnreadNotificationCountQueryVariables>;
export const NotificationsDocument = new TypedDocumentString(`
    query Notifications($first: Int!, $after: String) {
  notifications(first: $first, after: $after) {
    nodes {
      id
      kind
      title
      titleEn
      applicationId
      importJobId
      reference
      createdAt
      readAt
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
  unreadNotificationCount
}
    `) as unknown as TypedDocumentString<NotificationsQuery, NotificationsQueryVariables>;
export const MarkNotificationsReadDocument = new TypedDocumentString(`
    mutation MarkNotificationsRead($ids: [ID!], $all: Boolean) {
  markNotificationsRead(ids: $ids, all: $all)
}
    `) as unknown as TypedDocumentString<MarkNotificationsReadMutation, MarkNotificationsReadMutationVariables>;
export const WebhooksDocument = new TypedDocumentString(`
    query Webhooks {
  webhooks {
    id
    regionCode
    name
    url
    eventKinds
    active
    secretHint
    createdAt
  }
}
    `) as unknown as TypedDocumentString<WebhooksQuery, WebhooksQueryVariables>;
export const CreateWebhookDocument = new TypedDocumentString(`
    mutation CreateWebhook($regionCode: String!, $input: WebhookInput!) {
  createWebhook(regionCode: $regionCode, input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<CreateWebhookMutation, CreateWebhookMutationVariables>;
export const UpdateWebhookDocument = new TypedDocumentString(`
    mutation UpdateWebhook($id: ID!, $input: WebhookInput!) {
  updateWebhook(id: $id, input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<UpdateWebhookMutation, UpdateWebhookMutationVariables>;
export const DeleteWebhookDocument = new TypedDocumentString(`
    mutation DeleteWebhook($id: ID!) {
  deleteWebhook(id: $id)
}
    `) as unknown as TypedDocumentString<DeleteWebhookMutation, DeleteWebhookMutationVariables>;
export const WebhookDeliveriesDocument = new TypedDocumentString(`
    query WebhookDeliveries($id: ID!, $first: Int!, $after: String) {
  webhookDeliveries(webhookId: $id, first: $first, after: $after) {
    nodes {
      id
      reference
      kind
      status
      attempts
      nextAttemptAt
      lastAttemptAt
      lastStatus
      lastError
      deliveredAt
      createdAt
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<WebhookDeliveriesQuery, WebhookDeliveriesQueryVariables>;
export const RedeliverWebhookDocument = new TypedDocumentString(`
    mutation RedeliverWebhook($id: ID!) {
  redeliverWebhook(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<RedeliverWebhookMutation, RedeliverWebhookMutationVariables>;
export const OfflineCreateDocument = new TypedDocumentString(`
    mutation OfflineCreate($programmeKey: String!, $regionCode: String!, $data: JSON, $idempotencyKey: String) {
  createApplication(
    programmeKey: $programmeKey
    regionCode: $regionCode
    data: $data
    idempotencyKey: $idempotencyKey
  ) {
    id
    reference
    version
    data
  }
}
    `) as unknown as TypedDocumentString<OfflineCreateMutation, OfflineCreateMutationVariables>;
export const OfflineSaveDocument = new TypedDocumentString(`
    mutation OfflineSave($id: ID!, $data: JSON!, $expectedVersion: Int!) {
  saveApplication(id: $id, data: $data, expectedVersion: $expectedVersion) {
    id
    reference
    version
    data
  }
}
    `) as unknown as TypedDocumentString<OfflineSaveMutation, OfflineSaveMutationVariables>;
export const OfflineServerCopyDocument = new TypedDocumentString(`
    query OfflineServerCopy($id: ID!) {
  application(id: $id) {
    id
    reference
    version
    data
    updatedAt
  }
}
    `) as unknown as TypedDocumentString<OfflineServerCopyQuery, OfflineServerCopyQueryVariables>;
export const ProgrammeDocument = new TypedDocumentString(`
    query Programme($key: String!) {
  programme(key: $key) {
    id
    key
    name
    nameEn
    description
    regionCode
    status
    currentVersion {
      id
      number
      status
      formSchema
      uiSchema
      workflow
      createdAt
      publishedAt
    }
    draft {
      id
      number
      status
      formSchema
      uiSchema
      workflow
      createdAt
      publishedAt
    }
    versions {
      id
      number
      status
      formSchema
      uiSchema
      workflow
      createdAt
      publishedAt
    }
  }
}
    `) as unknown as TypedDocumentString<ProgrammeQuery, ProgrammeQueryVariables>;
export const SaveProgrammeDraftDocument = new TypedDocumentString(`
    mutation SaveProgrammeDraft($key: String!, $formSchema: JSON!, $uiSchema: JSON, $workflow: JSON!) {
  saveProgrammeDraft(
    key: $key
    formSchema: $formSchema
    uiSchema: $uiSchema
    workflow: $workflow
  ) {
    id
    number
    status
    createdAt
  }
}
    `) as unknown as TypedDocumentString<SaveProgrammeDraftMutation, SaveProgrammeDraftMutationVariables>;
export const PublishProgrammeDocument = new TypedDocumentString(`
    mutation PublishProgramme($key: String!) {
  publishProgramme(key: $key) {
    id
    number
    status
    publishedAt
  }
}
    `) as unknown as TypedDocumentString<PublishProgrammeMutation, PublishProgrammeMutationVariables>;
export const RetireProgrammeDocument = new TypedDocumentString(`
    mutation RetireProgramme($key: String!) {
  retireProgramme(key: $key) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<RetireProgrammeMutation, RetireProgrammeMutationVariables>;
export const CheckWorkflowDocument = new TypedDocumentString(`
    query CheckWorkflow($workflow: JSON!) {
  checkWorkflow(workflow: $workflow) {
    ok
    errors {
      code
      message
      messageZh
      state
      event
    }
    warnings {
      code
      message
      messageZh
      state
      event
    }
  }
}
    `) as unknown as TypedDocumentString<CheckWorkflowQuery, CheckWorkflowQueryVariables>;
export const CheckFormSchemaDocument = new TypedDocumentString(`
    query CheckFormSchema($formSchema: JSON!) {
  checkFormSchema(formSchema: $formSchema) {
    path
    message
  }
}
    `) as unknown as TypedDocumentString<CheckFormSchemaQuery, CheckFormSchemaQueryVariables>;
export const EntryApplicationsDocument = new TypedDocumentString(`
    query EntryApplications($entryId: ID!) {
  applications(filter: {entryId: $entryId}, first: 50) {
    edges {
      node {
        id
        reference
        status
        stateTitle
        stateTitleEn
        createdAt
        programme {
          name
          nameEn
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<EntryApplicationsQuery, EntryApplicationsQueryVariables>;
export const MyTasksDocument = new TypedDocumentString(`
    query MyTasks($programmeKey: String, $state: String, $regionCode: String, $overdue: Boolean, $orderBy: TaskOrder, $first: Int, $after: String) {
  myTasks(
    filter: {programmeKey: $programmeKey, state: $state, regionCode: $regionCode, overdue: $overdue}
    orderBy: $orderBy
    first: $first
    after: $after
  ) {
    totalCount
    edges {
      cursor
      node {
        id
        reference
        programmeKey
        programme {
          key
          name
          nameEn
        }
        regionCode
        region {
          name
        }
        state
        stateTitle
        stateTitleEn
        stateKind
        status
        applicantName
        submittedAt
        stateEnteredAt
        updatedAt
        noticeEndsAt
        dueAt
        overdue
        openReview {
          occurrence
          title
          titleEn
        }
        version
        availableActions {
          event
          title
          titleEn
          requiresComment
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<MyTasksQuery, MyTasksQueryVariables>;
export const ProgrammeStepsDocument = new TypedDocumentString(`
    query ProgrammeSteps($key: String!) {
  programme(key: $key) {
    key
    currentVersion {
      diagram {
        nodes {
          id
          kind
          title
          titleEn
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ProgrammeStepsQuery, ProgrammeStepsQueryVariables>;
export const ProgrammeFormDocument = new TypedDocumentString(`
    query ProgrammeForm($key: String!) {
  programme(key: $key) {
    key
    name
    nameEn
    description
    currentVersion {
      number
      formSchema
      uiSchema
      workflow
    }
  }
}
    `) as unknown as TypedDocumentString<ProgrammeFormQuery, ProgrammeFormQueryVariables>;
export const EntryForFilingDocument = new TypedDocumentString(`
    query EntryForFiling($id: ID!) {
  registerEntry(id: $id) {
    id
    name
    status
    regionCode
    data
    register {
      key
    }
  }
}
    `) as unknown as TypedDocumentString<EntryForFilingQuery, EntryForFilingQueryVariables>;
export const ProgrammesDocument = new TypedDocumentString(`
    query Programmes {
  programmes {
    canFile
    id
    key
    name
    nameEn
    description
    regionCode
    status
    currentVersion {
      id
      number
      publishedAt
    }
    draft {
      id
      number
      createdAt
    }
  }
}
    `) as unknown as TypedDocumentString<ProgrammesQuery, ProgrammesQueryVariables>;
export const DesignRegistersDocument = new TypedDocumentString(`
    query DesignRegisters {
  registers(includeRetired: true) {
    id
    key
    name
    nameEn
    regionCode
    status
    currentVersion {
      id
      number
      publishedAt
    }
    draft {
      id
      number
      createdAt
    }
  }
}
    `) as unknown as TypedDocumentString<DesignRegistersQuery, DesignRegistersQueryVariables>;
export const CreateRegisterDocument = new TypedDocumentString(`
    mutation CreateRegister($key: String!, $name: String!, $nameEn: String, $regionCode: String!, $description: String) {
  createRegister(
    input: {key: $key, name: $name, nameEn: $nameEn, regionCode: $regionCode, description: $description}
  ) {
    id
    key
  }
}
    `) as unknown as TypedDocumentString<CreateRegisterMutation, CreateRegisterMutationVariables>;
export const CreateProgrammeDocument = new TypedDocumentString(`
    mutation CreateProgramme($key: String!, $name: String!, $nameEn: String, $regionCode: String!, $description: String) {
  createProgramme(
    input: {key: $key, name: $name, nameEn: $nameEn, regionCode: $regionCode, description: $description}
  ) {
    id
    key
  }
}
    `) as unknown as TypedDocumentString<CreateProgrammeMutation, CreateProgrammeMutationVariables>;
export const BoardAddressDocument = new TypedDocumentString(`
    query BoardAddress($regionCode: String!) {
  publicBoardAddress(regionCode: $regionCode)
}
    `) as unknown as TypedDocumentString<BoardAddressQuery, BoardAddressQueryVariables>;
export const PublicStatusDocument = new TypedDocumentString(`
    query PublicStatus($reference: String!, $idLastFour: String!) {
  publicStatus(reference: $reference, idLastFour: $idLastFour) {
    reference
    programmeName
    stepTitle
    stepTitleEn
    status
    submittedAt
    stepSince
    noticeEndsAt
    dueAt
  }
}
    `) as unknown as TypedDocumentString<PublicStatusQuery, PublicStatusQueryVariables>;
export const RegisterDesignDocument = new TypedDocumentString(`
    query RegisterDesign($key: String!) {
  register(key: $key) {
    id
    key
    name
    nameEn
    regionCode
    status
    currentVersion {
      ...RegisterVersionDesign
    }
    draft {
      ...RegisterVersionDesign
    }
    versions {
      id
      number
      status
      createdAt
      publishedAt
    }
  }
}
    fragment RegisterVersionDesign on RegisterVersion {
  id
  number
  status
  schema
  uiSchema
  keyFields
  nameField
  statusField
  statuses {
    value
    zh
    en
    color
  }
  changeKinds {
    key
    zh
    en
    death
  }
  headIdField
  membersField
  memberIdField
  memberNameField
  editingRoles
  checklist {
    key
    title
    titleEn
    programme
    reachedState
    event
    attachment
  }
}`) as unknown as TypedDocumentString<RegisterDesignQuery, RegisterDesignQueryVariables>;
export const SaveRegisterDraftDocument = new TypedDocumentString(`
    mutation SaveRegisterDraft($key: String!, $definition: RegisterDefinitionInput!) {
  saveRegisterDraft(key: $key, definition: $definition) {
    id
    number
  }
}
    `) as unknown as TypedDocumentString<SaveRegisterDraftMutation, SaveRegisterDraftMutationVariables>;
export const RetireRegisterDocument = new TypedDocumentString(`
    mutation RetireRegister($key: String!) {
  retireRegister(key: $key) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<RetireRegisterMutation, RetireRegisterMutationVariables>;
export const PublishRegisterDocument = new TypedDocumentString(`
    mutation PublishRegister($key: String!) {
  publishRegister(key: $key) {
    id
    number
  }
}
    `) as unknown as TypedDocumentString<PublishRegisterMutation, PublishRegisterMutationVariables>;
export const ReportsDocument = new TypedDocumentString(`
    query Reports {
  reports {
    id
    name
    description
    regionCode
    definition
    updatedAt
  }
}
    `) as unknown as TypedDocumentString<ReportsQuery, ReportsQueryVariables>;
export const RunReportDocument = new TypedDocumentString(`
    query RunReport($id: ID, $definition: JSON, $regionCode: String) {
  runReport(id: $id, definition: $definition, regionCode: $regionCode) {
    columns {
      key
      title
      titleEn
      kind
      dimension
      level
    }
    rows {
      keys
      labels
      values
    }
    total
    regionCode
    scopeRegions {
      code
      name
      level
    }
    scopeLabel
    scopeLabelEn
    periodLabel
    periodLabelEn
    usedRollup
  }
}
    `) as unknown as TypedDocumentString<RunReportQuery, RunReportQueryVariables>;
export const SaveReportDocument = new TypedDocumentString(`
    mutation SaveReport($input: SaveReportInput!) {
  saveReport(input: $input) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<SaveReportMutation, SaveReportMutationVariables>;
export const DeleteReportDocument = new TypedDocumentString(`
    mutation DeleteReport($id: ID!) {
  deleteReport(id: $id)
}
    `) as unknown as TypedDocumentString<DeleteReportMutation, DeleteReportMutationVariables>;
export const ReportFormDocument = new TypedDocumentString(`
    query ReportForm($key: String!) {
  programme(key: $key) {
    key
    currentVersion {
      formSchema
    }
  }
}
    `) as unknown as TypedDocumentString<ReportFormQuery, ReportFormQueryVariables>;
export const ReportRegisterDocument = new TypedDocumentString(`
    query ReportRegister($key: String!) {
  register(key: $key) {
    key
    currentVersion {
      schema
    }
  }
}
    `) as unknown as TypedDocumentString<ReportRegisterQuery, ReportRegisterQueryVariables>;
export const AdminUsersDocument = new TypedDocumentString(`
    query AdminUsers($regionCode: String, $search: String, $first: Int!, $after: String) {
  users(regionCode: $regionCode, search: $search, first: $first, after: $after) {
    totalCount
    edges {
      node {
        id
        username
        displayName
        active
        regionCode
        roles {
          role
          roleTitle
          roleTitleEn
          roleRegionCode
          regionCode
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<AdminUsersQuery, AdminUsersQueryVariables>;
export const AdminRolesDocument = new TypedDocumentString(`
    query AdminRoles($regionCode: String, $includeBelow: Boolean!, $includeRetired: Boolean!) {
  roles(
    regionCode: $regionCode
    includeBelow: $includeBelow
    includeRetired: $includeRetired
  ) {
    id
    name
    zh
    en
    builtIn
    regionCode
    retired
    readScope
  }
}
    `) as unknown as TypedDocumentString<AdminRolesQuery, AdminRolesQueryVariables>;
export const AdminCreateUserDocument = new TypedDocumentString(`
    mutation AdminCreateUser($input: CreateUserInput!) {
  createUser(input: $input) {
    id
    username
  }
}
    `) as unknown as TypedDocumentString<AdminCreateUserMutation, AdminCreateUserMutationVariables>;
export const AdminCreateUsersDocument = new TypedDocumentString(`
    mutation AdminCreateUsers($rows: [NewUserRow!]!) {
  createUsers(rows: $rows) {
    initialPassword
    user {
      username
      displayName
      regionCode
      roles {
        role
        roleTitle
        roleTitleEn
        regionCode
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AdminCreateUsersMutation, AdminCreateUsersMutationVariables>;
export const AdminDisableUserDocument = new TypedDocumentString(`
    mutation AdminDisableUser($username: String!) {
  disableUser(username: $username) {
    id
    active
  }
}
    `) as unknown as TypedDocumentString<AdminDisableUserMutation, AdminDisableUserMutationVariables>;
export const AdminEnableUserDocument = new TypedDocumentString(`
    mutation AdminEnableUser($username: String!) {
  enableUser(username: $username) {
    id
    active
  }
}
    `) as unknown as TypedDocumentString<AdminEnableUserMutation, AdminEnableUserMutationVariables>;
export const AdminResetPasswordDocument = new TypedDocumentString(`
    mutation AdminResetPassword($username: String!, $password: String!) {
  resetPassword(username: $username, password: $password) {
    id
  }
}
    `) as unknown as TypedDocumentString<AdminResetPasswordMutation, AdminResetPasswordMutationVariables>;
export const AdminGrantRoleDocument = new TypedDocumentString(`
    mutation AdminGrantRole($username: String!, $role: String!, $regionCode: String!) {
  grantRole(username: $username, role: $role, regionCode: $regionCode) {
    role
    regionCode
  }
}
    `) as unknown as TypedDocumentString<AdminGrantRoleMutation, AdminGrantRoleMutationVariables>;
export const AdminRevokeRoleDocument = new TypedDocumentString(`
    mutation AdminRevokeRole($username: String!, $role: String!, $regionCode: String!) {
  revokeRole(username: $username, role: $role, regionCode: $regionCode)
}
    `) as unknown as TypedDocumentString<AdminRevokeRoleMutation, AdminRevokeRoleMutationVariables>;
export const AdminDefineRoleDocument = new TypedDocumentString(`
    mutation AdminDefineRole($input: RoleInput!) {
  defineRole(input: $input) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<AdminDefineRoleMutation, AdminDefineRoleMutationVariables>;
export const AdminUpdateRoleDocument = new TypedDocumentString(`
    mutation AdminUpdateRole($input: RoleInput!) {
  updateRole(input: $input) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<AdminUpdateRoleMutation, AdminUpdateRoleMutationVariables>;
export const AdminRetireRoleDocument = new TypedDocumentString(`
    mutation AdminRetireRole($name: String!, $regionCode: String!) {
  retireRole(name: $name, regionCode: $regionCode) {
    id
    retired
  }
}
    `) as unknown as TypedDocumentString<AdminRetireRoleMutation, AdminRetireRoleMutationVariables>;
export const ApplicationDocument = new TypedDocumentString(`
    query Application($id: ID!) {
  application(id: $id) {
    ...ApplicationFull
  }
}
    fragment ApplicationFull on Application {
  id
  reference
  programmeKey
  programme {
    key
    name
    nameEn
  }
  programmeVersion {
    number
    formSchema
    uiSchema
    diagram {
      nodes {
        id
        kind
        title
        titleEn
      }
      edges {
        from
        to
        event
        title
        titleEn
        timer
      }
    }
  }
  regionCode
  region {
    name
  }
  entry {
    id
    name
    status
  }
  data
  state
  stateTitle
  stateTitleEn
  stateKind
  status
  version
  applicantName
  createdAt
  updatedAt
  submittedAt
  stateEnteredAt
  noticeEndsAt
  openObjections
  dueAt
  overdue
  openReview {
    occurrence
    title
    titleEn
  }
  editableFields
  availableActions {
    event
    title
    titleEn
    requiresComment
  }
  blockedActions {
    event
    reason
    reasonEn
    paths
  }
  quorum {
    event
    title
    titleEn
    needed
    votes
    voters {
      name
      role
      decision
      at
    }
  }
  history {
    id
    at
    actorName
    role
    regionCode
    event
    eventTitle
    eventTitleEn
    fromState
    toState
    fromTitle
    toTitle
    comment
    changedFields
    occurrence
  }
  objections {
    id
    reason
    contact
    status
    outcomeComment
    createdAt
  }
}`) as unknown as TypedDocumentString<ApplicationQuery, ApplicationQueryVariables>;
export const CreateApplicationDocument = new TypedDocumentString(`
    mutation CreateApplication($programmeKey: String!, $regionCode: String!, $data: JSON, $idempotencyKey: String, $entryId: ID) {
  createApplication(
    programmeKey: $programmeKey
    regionCode: $regionCode
    data: $data
    idempotencyKey: $idempotencyKey
    entryId: $entryId
  ) {
    ...ApplicationFull
  }
}
    fragment ApplicationFull on Application {
  id
  reference
  programmeKey
  programme {
    key
    name
    nameEn
  }
  programmeVersion {
    number
    formSchema
    uiSchema
    diagram {
      nodes {
        id
        kind
        title
        titleEn
      }
      edges {
        from
        to
        event
        title
        titleEn
        timer
      }
    }
  }
  regionCode
  region {
    name
  }
  entry {
    id
    name
    status
  }
  data
  state
  stateTitle
  stateTitleEn
  stateKind
  status
  version
  applicantName
  createdAt
  updatedAt
  submittedAt
  stateEnteredAt
  noticeEndsAt
  openObjections
  dueAt
  overdue
  openReview {
    occurrence
    title
    titleEn
  }
  editableFields
  availableActions {
    event
    title
    titleEn
    requiresComment
  }
  blockedActions {
    event
    reason
    reasonEn
    paths
  }
  quorum {
    event
    title
    titleEn
    needed
    votes
    voters {
      name
      role
      decision
      at
    }
  }
  history {
    id
    at
    actorName
    role
    regionCode
    event
    eventTitle
    eventTitleEn
    fromState
    toState
    fromTitle
    toTitle
    comment
    changedFields
    occurrence
  }
  objections {
    id
    reason
    contact
    status
    outcomeComment
    createdAt
  }
}`) as unknown as TypedDocumentString<CreateApplicationMutation, CreateApplicationMutationVariables>;
export const SaveApplicationDocument = new TypedDocumentString(`
    mutation SaveApplication($id: ID!, $data: JSON!, $expectedVersion: Int!) {
  saveApplication(id: $id, data: $data, expectedVersion: $expectedVersion) {
    ...ApplicationFull
  }
}
    fragment ApplicationFull on Application {
  id
  reference
  programmeKey
  programme {
    key
    name
    nameEn
  }
  programmeVersion {
    number
    formSchema
    uiSchema
    diagram {
      nodes {
        id
        kind
        title
        titleEn
      }
      edges {
        from
        to
        event
        title
        titleEn
        timer
      }
    }
  }
  regionCode
  region {
    name
  }
  entry {
    id
    name
    status
  }
  data
  state
  stateTitle
  stateTitleEn
  stateKind
  status
  version
  applicantName
  createdAt
  updatedAt
  submittedAt
  stateEnteredAt
  noticeEndsAt
  openObjections
  dueAt
  overdue
  openReview {
    occurrence
    title
    titleEn
  }
  editableFields
  availableActions {
    event
    title
    titleEn
    requiresComment
  }
  blockedActions {
    event
    reason
    reasonEn
    paths
  }
  quorum {
    event
    title
    titleEn
    needed
    votes
    voters {
      name
      role
      decision
      at
    }
  }
  history {
    id
    at
    actorName
    role
    regionCode
    event
    eventTitle
    eventTitleEn
    fromState
    toState
    fromTitle
    toTitle
    comment
    changedFields
    occurrence
  }
  objections {
    id
    reason
    contact
    status
    outcomeComment
    createdAt
  }
}`) as unknown as TypedDocumentString<SaveApplicationMutation, SaveApplicationMutationVariables>;
export const SubmitApplicationDocument = new TypedDocumentString(`
    mutation SubmitApplication($id: ID!, $expectedVersion: Int!) {
  submitApplication(id: $id, expectedVersion: $expectedVersion) {
    ...ApplicationFull
  }
}
    fragment ApplicationFull on Application {
  id
  reference
  programmeKey
  programme {
    key
    name
    nameEn
  }
  programmeVersion {
    number
    formSchema
    uiSchema
    diagram {
      nodes {
        id
        kind
        title
        titleEn
      }
      edges {
        from
        to
        event
        title
        titleEn
        timer
      }
    }
  }
  regionCode
  region {
    name
  }
  entry {
    id
    name
    status
  }
  data
  state
  stateTitle
  stateTitleEn
  stateKind
  status
  version
  applicantName
  createdAt
  updatedAt
  submittedAt
  stateEnteredAt
  noticeEndsAt
  openObjections
  dueAt
  overdue
  openReview {
    occurrence
    title
    titleEn
  }
  editableFields
  availableActions {
    event
    title
    titleEn
    requiresComment
  }
  blockedActions {
    event
    reason
    reasonEn
    paths
  }
  quorum {
    event
    title
    titleEn
    needed
    votes
    voters {
      name
      role
      decision
      at
    }
  }
  history {
    id
    at
    actorName
    role
    regionCode
    event
    eventTitle
    eventTitleEn
    fromState
    toState
    fromTitle
    toTitle
    comment
    changedFields
    occurrence
  }
  objections {
    id
    reason
    contact
    status
    outcomeComment
    createdAt
  }
}`) as unknown as TypedDocumentString<SubmitApplicationMutation, SubmitApplicationMutationVariables>;
export const TransitionApplicationDocument = new TypedDocumentString(`
    mutation TransitionApplication($id: ID!, $event: String!, $comment: String, $data: JSON, $expectedVersion: Int!) {
  transitionApplication(
    id: $id
    event: $event
    comment: $comment
    data: $data
    expectedVersion: $expectedVersion
  ) {
    ...ApplicationFull
  }
}
    fragment ApplicationFull on Application {
  id
  reference
  programmeKey
  programme {
    key
    name
    nameEn
  }
  programmeVersion {
    number
    formSchema
    uiSchema
    diagram {
      nodes {
        id
        kind
        title
        titleEn
      }
      edges {
        from
        to
        event
        title
        titleEn
        timer
      }
    }
  }
  regionCode
  region {
    name
  }
  entry {
    id
    name
    status
  }
  data
  state
  stateTitle
  stateTitleEn
  stateKind
  status
  version
  applicantName
  createdAt
  updatedAt
  submittedAt
  stateEnteredAt
  noticeEndsAt
  openObjections
  dueAt
  overdue
  openReview {
    occurrence
    title
    titleEn
  }
  editableFields
  availableActions {
    event
    title
    titleEn
    requiresComment
  }
  blockedActions {
    event
    reason
    reasonEn
    paths
  }
  quorum {
    event
    title
    titleEn
    needed
    votes
    voters {
      name
      role
      decision
      at
    }
  }
  history {
    id
    at
    actorName
    role
    regionCode
    event
    eventTitle
    eventTitleEn
    fromState
    toState
    fromTitle
    toTitle
    comment
    changedFields
    occurrence
  }
  objections {
    id
    reason
    contact
    status
    outcomeComment
    createdAt
  }
}`) as unknown as TypedDocumentString<TransitionApplicationMutation, TransitionApplicationMutationVariables>;
export const ResolveObjectionDocument = new TypedDocumentString(`
    mutation ResolveObjection($id: ID!, $outcome: String!, $comment: String!) {
  resolveObjection(id: $id, outcome: $outcome, comment: $comment) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ResolveObjectionMutation, ResolveObjectionMutationVariables>;
export const ApplicationListDocument = new TypedDocumentString(`
    query ApplicationList($search: String, $programmeKey: String, $status: String, $state: String, $regionCode: String, $submittedFrom: DateTime, $submittedTo: DateTime, $first: Int!, $after: String) {
  applications(
    filter: {search: $search, programmeKey: $programmeKey, status: $status, state: $state, regionCode: $regionCode, submittedFrom: $submittedFrom, submittedTo: $submittedTo}
    first: $first
    after: $after
  ) {
    totalCount
    edges {
      node {
        id
        reference
        programmeKey
        programme {
          key
          name
          nameEn
        }
        regionCode
        region {
          name
        }
        state
        stateTitle
        stateTitleEn
        stateKind
        status
        applicantName
        submittedAt
        updatedAt
        version
        availableActions {
          event
          title
          titleEn
          requiresComment
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<ApplicationListQuery, ApplicationListQueryVariables>;
export const ImportTargetsDocument = new TypedDocumentString(`
    query ImportTargets {
  programmes {
    key
    name
    nameEn
    status
    currentVersion {
      number
    }
  }
  registers {
    key
    name
    nameEn
    status
    currentVersion {
      number
    }
  }
}
    `) as unknown as TypedDocumentString<ImportTargetsQuery, ImportTargetsQueryVariables>;
export const ImportJobDocument = new TypedDocumentString(`
    query ImportJob($id: ID!, $first: Int!, $after: String) {
  importJob(id: $id) {
    id
    targetKind
    targetKey
    fileName
    status
    mode
    totalRows
    validatedRows
    validRows
    linkedRows
    errorRows
    problemCount
    writtenRows
    skippedRows
    progressDone
    progressTotal
    etaSeconds
    message
    messageZh
    markedFileUrl
    cancelRequested
    submit
    submitAllowed
    problems(first: $first, after: $after) {
      nodes {
        row
        sheet
        line
        column
        message
        messageEn
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ImportJobQuery, ImportJobQueryVariables>;
export const CommitImportDocument = new TypedDocumentString(`
    mutation CommitImport($id: ID!, $mode: ImportCommitMode!, $submit: Boolean!) {
  commitImport(id: $id, mode: $mode, submit: $submit) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<CommitImportMutation, CommitImportMutationVariables>;
export const CancelImportDocument = new TypedDocumentString(`
    mutation CancelImport($id: ID!) {
  cancelImport(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<CancelImportMutation, CancelImportMutationVariables>;
export const QualityFindingsDocument = new TypedDocumentString(`
    query QualityFindings($filter: QualityFindingFilter, $first: Int!, $after: String) {
  qualityFindings(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        checkKey
        ruleKey
        recordKind
        recordKey
        recordLabel
        sourceKey
        regionCode
        severity
        messageZh
        messageEn
        fields
        detail
        status
        comment
        dismissedAt
        firstSeenAt
        lastSeenAt
        fixedAt
      }
    }
  }
}
    `) as unknown as TypedDocumentString<QualityFindingsQuery, QualityFindingsQueryVariables>;
export const QualitySummaryDocument = new TypedDocumentString(`
    query QualitySummary($regionCode: String) {
  qualitySummary(regionCode: $regionCode) {
    regionCode
    checkKey
    ruleKey
    severity
    messageZh
    messageEn
    open
    dismissed
  }
}
    `) as unknown as TypedDocumentString<QualitySummaryQuery, QualitySummaryQueryVariables>;
export const DismissQualityFindingDocument = new TypedDocumentString(`
    mutation DismissQualityFinding($id: ID!, $comment: String!) {
  dismissQualityFinding(id: $id, comment: $comment) {
    id
    status
    comment
  }
}
    `) as unknown as TypedDocumentString<DismissQualityFindingMutation, DismissQualityFindingMutationVariables>;
export const RunQualityRulesDocument = new TypedDocumentString(`
    mutation RunQualityRules($regionCode: String!) {
  runQualityRules(regionCode: $regionCode) {
    id
    recordsChecked
    findingsOpened
    findingsClosed
    truncated
  }
}
    `) as unknown as TypedDocumentString<RunQualityRulesMutation, RunQualityRulesMutationVariables>;
export const QualityRulesDocument = new TypedDocumentString(`
    query QualityRules {
  qualityRules {
    id
    key
    kind
    target
    sourceKey
    regionCode
    logic
    aggregate
    severity
    messageZh
    messageEn
    fields
    updatedAt
  }
  qualitySchedules {
    regionCode
    cron
    enabled
    nextRunAt
  }
  programmes {
    key
    name
    nameEn
    currentVersion {
      number
    }
  }
  registers {
    key
    name
    nameEn
    currentVersion {
      number
    }
  }
}
    `) as unknown as TypedDocumentString<QualityRulesQuery, QualityRulesQueryVariables>;
export const DefineQualityRuleDocument = new TypedDocumentString(`
    mutation DefineQualityRule($input: QualityRuleInput!) {
  defineQualityRule(input: $input) {
    id
    key
  }
}
    `) as unknown as TypedDocumentString<DefineQualityRuleMutation, DefineQualityRuleMutationVariables>;
export const UpdateQualityRuleDocument = new TypedDocumentString(`
    mutation UpdateQualityRule($id: ID!, $input: QualityRuleInput!) {
  updateQualityRule(id: $id, input: $input) {
    id
    key
  }
}
    `) as unknown as TypedDocumentString<UpdateQualityRuleMutation, UpdateQualityRuleMutationVariables>;
export const RetireQualityRuleDocument = new TypedDocumentString(`
    mutation RetireQualityRule($id: ID!) {
  retireQualityRule(id: $id) {
    id
    retiredAt
  }
}
    `) as unknown as TypedDocumentString<RetireQualityRuleMutation, RetireQualityRuleMutationVariables>;
export const PreviewQualityRuleDocument = new TypedDocumentString(`
    query PreviewQualityRule($regionCode: String!, $input: QualityRuleInput!) {
  previewQualityRule(regionCode: $regionCode, input: $input) {
    checked
    failing
    errors
    hits {
      recordKey
      label
      regionCode
      detail
    }
  }
}
    `) as unknown as TypedDocumentString<PreviewQualityRuleQuery, PreviewQualityRuleQueryVariables>;
export const SetQualityScheduleDocument = new TypedDocumentString(`
    mutation SetQualitySchedule($regionCode: String!, $cron: String!, $enabled: Boolean!) {
  setQualitySchedule(regionCode: $regionCode, cron: $cron, enabled: $enabled) {
    regionCode
    cron
    enabled
    nextRunAt
  }
}
    `) as unknown as TypedDocumentString<SetQualityScheduleMutation, SetQualityScheduleMutationVariables>;
export const RegistersDocument = new TypedDocumentString(`
    query Registers {
  registers {
    id
    key
    name
    nameEn
    regionCode
    status
    canReadEntries
    currentVersion {
      id
      number
      statusField
      statuses {
        value
        zh
        en
        color
      }
      changeKinds {
        key
        zh
        en
      }
      filterFields {
        path
        title
        values
        many
      }
      checklist {
        key
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RegistersQuery, RegistersQueryVariables>;
export const RegisterEntryListDocument = new TypedDocumentString(`
    query RegisterEntryList($registerKey: String!, $regionCode: String, $status: String, $search: String, $fields: [RegisterFieldFilter!], $incomplete: Boolean, $first: Int!, $after: String) {
  registerEntries(
    filter: {registerKey: $registerKey, regionCode: $regionCode, status: $status, search: $search, fields: $fields, incomplete: $incomplete}
    first: $first
    after: $after
  ) {
    totalCount
    edges {
      node {
        id
        key
        name
        status
        statusTitle
        statusTitleEn
        statusColor
        regionCode
        region {
          name
        }
        updatedAt
        version
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<RegisterEntryListQuery, RegisterEntryListQueryVariables>;
export const RegisterEntryDocument = new TypedDocumentString(`
    query RegisterEntry($id: ID!) {
  registerEntry(id: $id) {
    ...RegisterEntryFull
  }
}
    fragment RegisterEntryFull on RegisterEntry {
  id
  key
  name
  status
  statusTitle
  statusTitleEn
  statusColor
  regionCode
  region {
    name
  }
  data
  version
  canEdit
  createdAt
  updatedAt
  register {
    key
    name
    nameEn
    status
    currentVersion {
      id
      number
      schema
      uiSchema
      statusField
      membersField
      memberIdField
      memberNameField
      statuses {
        value
        zh
        en
        color
      }
      changeKinds {
        key
        zh
        en
      }
    }
  }
  persons {
    idNumber
    role
    name
    pointer
  }
  checklist {
    key
    title
    titleEn
    programme
    done
    applicationReference
  }
  changes(last: 30) {
    id
    seq
    at
    actorName
    role
    regionCode
    kind
    kindTitle
    kindTitleEn
    comment
    applicationReference
    sourceFile
    changes {
      path
      before
      after
    }
  }
}`) as unknown as TypedDocumentString<RegisterEntryQuery, RegisterEntryQueryVariables>;
export const UpdateRegisterEntryDocument = new TypedDocumentString(`
    mutation UpdateRegisterEntry($id: ID!, $data: JSON!, $expectedVersion: Int!, $kind: String!, $comment: String, $movePersons: [String!]) {
  updateRegisterEntry(
    id: $id
    data: $data
    expectedVersion: $expectedVersion
    kind: $kind
    comment: $comment
    movePersons: $movePersons
  ) {
    ...RegisterEntryFull
  }
}
    fragment RegisterEntryFull on RegisterEntry {
  id
  key
  name
  status
  statusTitle
  statusTitleEn
  statusColor
  regionCode
  region {
    name
  }
  data
  version
  canEdit
  createdAt
  updatedAt
  register {
    key
    name
    nameEn
    status
    currentVersion {
      id
      number
      schema
      uiSchema
      statusField
      membersField
      memberIdField
      memberNameField
      statuses {
        value
        zh
        en
        color
      }
      changeKinds {
        key
        zh
        en
      }
    }
  }
  persons {
    idNumber
    role
    name
    pointer
  }
  checklist {
    key
    title
    titleEn
    programme
    done
    applicationReference
  }
  changes(last: 30) {
    id
    seq
    at
    actorName
    role
    regionCode
    kind
    kindTitle
    kindTitleEn
    comment
    applicationReference
    sourceFile
    changes {
      path
      before
      after
    }
  }
}`) as unknown as TypedDocumentString<UpdateRegisterEntryMutation, UpdateRegisterEntryMutationVariables>;
export const RegionsDocument = new TypedDocumentString(`
    query Regions($parentCode: String) {
  regions(parentCode: $parentCode) {
    code
    name
    level
    parentCode
  }
}
    `) as unknown as TypedDocumentString<RegionsQuery, RegionsQueryVariables>;
export const RegionDocument = new TypedDocumentString(`
    query Region($code: String!) {
  region(code: $code) {
    code
    name
    level
    parentCode
  }
}
    `) as unknown as TypedDocumentString<RegionQuery, RegionQueryVariables>;
export const RolesDocument = new TypedDocumentString(`
    query Roles {
  roles {
    name
    zh
    en
  }
}
    `) as unknown as TypedDocumentString<RolesQuery, RolesQueryVariables>;
export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    id
    username
    displayName
    roles {
      role
      roleTitle
      regionCode
    }
  }
}
    `) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const LoginDocument = new TypedDocumentString(`
    mutation Login($username: String!, $password: String!) {
  login(username: $username, password: $password) {
    token
    expiresAt
    user {
      id
      username
      displayName
      roles {
        role
        roleTitle
        regionCode
      }
    }
  }
}
    `) as unknown as TypedDocumentString<LoginMutation, LoginMutationVariables>;