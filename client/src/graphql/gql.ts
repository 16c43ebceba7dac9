/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation BulkTransition($input: BulkTransitionInput!) {\n    bulkTransition(input: $input) { id reference ok code message messageZh version }\n  }\n": typeof types.BulkTransitionDocument,
    "\n  query Ledgers($programmeKey: String!) {\n    ledgers(programmeKey: $programmeKey) { name title titleEn }\n  }\n": typeof types.LedgersDocument,
    "\n  query PickEntries($filter: RegisterEntryFilter!) {\n    registerEntries(filter: $filter, first: 20) { edges { node { id name status regionCode data } } }\n  }\n": typeof types.PickEntriesDocument,
    "\n  query NavAccess {\n    programmes { key canFile }\n    registers { key canReadEntries }\n  }\n": typeof types.NavAccessDocument,
    "\n  query ProgrammeNoticeContact($key: String!) {\n    programme(key: $key) {\n      id\n      noticeContact { office phone address }\n      noticeContactInEffect { office phone address }\n    }\n  }\n": typeof types.ProgrammeNoticeContactDocument,
    "\n  mutation SetProgrammeNoticeContact($key: String!, $contact: NoticeContactInput) {\n    setNoticeContact(programmeKey: $key, contact: $contact) { office phone address }\n  }\n": typeof types.SetProgrammeNoticeContactDocument,
    "\n  query FlowRoles {\n    roles { name zh en }\n  }\n": typeof types.FlowRolesDocument,
    "\n  query FlowRegisters {\n    registers { key name nameEn currentVersion { schema changeKinds { key zh en } statuses { value zh en } } }\n  }\n": typeof types.FlowRegistersDocument,
    "\n  query SimulateDraft($formSchema: JSON, $workflow: JSON, $programme: String, $data: JSON, $entry: JSON, $steps: [SimulationStepInput!]!) {\n    simulateWorkflow(formSchema: $formSchema, workflow: $workflow, programme: $programme, data: $data, entry: $entry, steps: $steps) {\n      initialState finalState completed generated entry entryGenerated\n      dataProblems { path message messageEn }\n      steps {\n        index event role from to accepted status title titleEn refusalCode refusal refusalZh\n        problems { path message messageEn }\n        computed { pointer value }\n        effects { op entryPointer formPointer value }\n        timers { delay duration step target }\n        due\n      }\n    }\n  }\n": typeof types.SimulateDraftDocument,
    "\n  mutation SaveSamplePath($programme: String!, $name: String!, $data: JSON, $entry: JSON, $steps: [SimulationStepInput!]!) {\n    saveSamplePath(programme: $programme, name: $name, data: $data, entry: $entry, steps: $steps) { id name expectState }\n  }\n": typeof types.SaveSamplePathDocument,
    "\n  query RunSamplePaths($programme: String!) {\n    runSamplePaths(programme: $programme) { passed endState message messageZh path { name } }\n  }\n": typeof types.RunSamplePathsDocument,
    "\n  query ProgrammeVersionDiff($programme: String!, $from: Int!, $to: Int!) {\n    programmeVersionDiff(programme: $programme, from: $from, to: $to) {\n      from to\n      fields { change pointer aspects before after }\n      states { change state aspects }\n      transitions { change state event aspects }\n    }\n  }\n": typeof types.ProgrammeVersionDiffDocument,
    "\n  query CaseMigrationPreview($input: CaseMigrationInput!, $first: Int!, $after: String) {\n    caseMigrationPreview(input: $input, first: $first, after: $after) {\n      total endCursor\n      items { applicationId reference state targetState status canMove reasons { code message messageEn path } }\n    }\n  }\n": typeof types.CaseMigrationPreviewDocument,
    "\n  mutation MigrateCases($input: CaseMigrationInput!, $ids: [ID!]!) {\n    migrateCases(input: $input, applicationIds: $ids) {\n      moved { applicationId reference targetState }\n      stayed { applicationId reference reasons { code message messageEn } }\n    }\n  }\n": typeof types.MigrateCasesDocument,
    "\n  query LedgerLayouts($programmeKey: String!) {\n    ledgers(programmeKey: $programmeKey) { name title titleEn updatedAt columns { field title } }\n    ledgerFields(programmeKey: $programmeKey) { field title titleEn kind group }\n  }\n": typeof types.LedgerLayoutsDocument,
    "\n  mutation DefineLedgerLayout($programmeKey: String!, $input: LedgerInput!) {\n    defineLedger(programmeKey: $programmeKey, input: $input) { name title columns { field title } }\n  }\n": typeof types.DefineLedgerLayoutDocument,
    "\n  mutation RetireLedgerLayout($programmeKey: String!, $name: String!) {\n    retireLedger(programmeKey: $programmeKey, name: $name) { name }\n  }\n": typeof types.RetireLedgerLayoutDocument,
    "\n  query ChecklistProgrammes {\n    programmes { key name nameEn currentVersion { workflow formSchema } }\n  }\n": typeof types.ChecklistProgrammesDocument,
    "\n  query RegisterRoles($regionCode: String) {\n    roles(regionCode: $regionCode) { name zh en }\n  }\n": typeof types.RegisterRolesDocument,
    "\n  query PublicNotices($regionCode: String, $first: Int, $after: String) {\n    publicNotices(regionCode: $regionCode, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          reference\n          programmeKey\n          programmeName\n          regionCode\n          regionName\n          townshipName\n          stateTitle\n          noticeStart\n          noticeEnd\n          office officePhone officeAddress\n          fields { title value }\n          objectionOpen\n          objectionPending\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.PublicNoticesDocument,
    "\n  mutation RaiseObjection($reference: String!, $reason: String!, $contact: String) {\n    raiseObjection(reference: $reference, reason: $reason, contact: $contact) { id reference status createdAt receipt }\n  }\n": typeof types.RaiseObjectionDocument,
    "\n  query ObjectionStatus($receipt: String!) {\n    objectionStatus(receipt: $receipt) { receipt reference status createdAt resolvedAt dismissalReason }\n  }\n": typeof types.ObjectionStatusDocument,
    "\n  query UnreadNotificationCount {\n    unreadNotificationCount\n  }\n": typeof types.UnreadNotificationCountDocument,
    "\n  query Notifications($first: Int!, $after: String) {\n    notifications(first: $first, after: $after) {\n      nodes { id kind title titleEn applicationId importJobId reference createdAt readAt }\n      pageInfo { hasNextPage endCursor }\n    }\n    unreadNotificationCount\n  }\n": typeof types.NotificationsDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!], $all: Boolean) {\n    markNotificationsRead(ids: $ids, all: $all)\n  }\n": typeof types.MarkNotificationsReadDocument,
    "\n  query Webhooks {\n    webhooks { id regionCode name url eventKinds active secretHint createdAt }\n  }\n": typeof types.WebhooksDocument,
    "\n  mutation CreateWebhook($regionCode: String!, $input: WebhookInput!) {\n    createWebhook(regionCode: $regionCode, input: $input) { id }\n  }\n": typeof types.CreateWebhookDocument,
    "\n  mutation UpdateWebhook($id: ID!, $input: WebhookInput!) {\n    updateWebhook(id: $id, input: $input) { id }\n  }\n": typeof types.UpdateWebhookDocument,
    "\n  mutation DeleteWebhook($id: ID!) {\n    deleteWebhook(id: $id)\n  }\n": typeof types.DeleteWebhookDocument,
    "\n  query WebhookDeliveries($id: ID!, $first: Int!, $after: String) {\n    webhookDeliveries(webhookId: $id, first: $first, after: $after) {\n      nodes { id reference kind status attempts nextAttemptAt lastAttemptAt lastStatus lastError deliveredAt createdAt }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.WebhookDeliveriesDocument,
    "\n  mutation RedeliverWebhook($id: ID!) {\n    redeliverWebhook(id: $id) { id status }\n  }\n": typeof types.RedeliverWebhookDocument,
    "\n  mutation OfflineCreate($programmeKey: String!, $regionCode: String!, $data: JSON, $idempotencyKey: String) {\n    createApplication(programmeKey: $programmeKey, regionCode: $regionCode, data: $data, idempotencyKey: $idempotencyKey) { id reference version data }\n  }\n": typeof types.OfflineCreateDocument,
    "\n  mutation OfflineSave($id: ID!, $data: JSON!, $expectedVersion: Int!) {\n    saveApplication(id: $id, data: $data, expectedVersion: $expectedVersion) { id reference version data }\n  }\n": typeof types.OfflineSaveDocument,
    "\n  query OfflineServerCopy($id: ID!) {\n    application(id: $id) { id reference version data updatedAt }\n  }\n": typeof types.OfflineServerCopyDocument,
    "\n  query Programme($key: String!) {\n    programme(key: $key) {\n      id key name nameEn description regionCode status\n      currentVersion { id number status formSchema uiSchema workflow createdAt publishedAt }\n      draft { id number status formSchema uiSchema workflow createdAt publishedAt }\n      versions { id number status formSchema uiSchema workflow createdAt publishedAt }\n    }\n  }\n": typeof types.ProgrammeDocument,
    "\n  mutation SaveProgrammeDraft($key: String!, $formSchema: JSON!, $uiSchema: JSON, $workflow: JSON!) {\n    saveProgrammeDraft(key: $key, formSchema: $formSchema, uiSchema: $uiSchema, workflow: $workflow) { id number status createdAt }\n  }\n": typeof types.SaveProgrammeDraftDocument,
    "\n  mutation PublishProgramme($key: String!) {\n    publishProgramme(key: $key) { id number status publishedAt }\n  }\n": typeof types.PublishProgrammeDocument,
    "\n  mutation RetireProgramme($key: String!) {\n    retireProgramme(key: $key) { id status }\n  }\n": typeof types.RetireProgrammeDocument,
    "\n  query CheckWorkflow($workflow: JSON!) {\n    checkWorkflow(workflow: $workflow) {\n      ok\n      errors { code message messageZh state event }\n      warnings { code message messageZh state event }\n    }\n  }\n": typeof types.CheckWorkflowDocument,
    "\n  query CheckFormSchema($formSchema: JSON!) {\n    checkFormSchema(formSchema: $formSchema) { path message }\n  }\n": typeof types.CheckFormSchemaDocument,
    "\n  query EntryApplications($entryId: ID!) {\n    applications(filter: { entryId: $entryId }, first: 50) {\n      edges { node { id reference status stateTitle stateTitleEn createdAt programme { name nameEn } } }\n    }\n  }\n": typeof types.EntryApplicationsDocument,
    "\n  query MyTasks($programmeKey: String, $state: String, $regionCode: String, $overdue: Boolean, $orderBy: TaskOrder, $first: Int, $after: String) {\n    myTasks(filter: { programmeKey: $programmeKey, state: $state, regionCode: $regionCode, overdue: $overdue }, orderBy: $orderBy, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id reference programmeKey programme { key name nameEn }\n          regionCode region { name }\n          state stateTitle stateTitleEn stateKind status applicantName\n          submittedAt stateEnteredAt updatedAt noticeEndsAt\n          dueAt overdue openReview { occurrence title titleEn }\n          version availableActions { event title titleEn requiresComment }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.MyTasksDocument,
    "\n  query ProgrammeSteps($key: String!) {\n    programme(key: $key) { key currentVersion { diagram { nodes { id kind title titleEn } } } }\n  }\n": typeof types.ProgrammeStepsDocument,
    "\n  query ProgrammeForm($key: String!) {\n    programme(key: $key) { key name nameEn description currentVersion { number formSchema uiSchema workflow } }\n  }\n": typeof types.ProgrammeFormDocument,
    "\n  query EntryForFiling($id: ID!) {\n    registerEntry(id: $id) { id name status regionCode data register { key } }\n  }\n": typeof types.EntryForFilingDocument,
    "\n  query Programmes {\n    programmes {\n      canFile\n      id key name nameEn description regionCode status\n      currentVersion { id number publishedAt }\n      draft { id number createdAt }\n    }\n  }\n": typeof types.ProgrammesDocument,
    "\n  query DesignRegisters {\n    registers(includeRetired: true) {\n      id key name nameEn regionCode status\n      currentVersion { id number publishedAt }\n      draft { id number createdAt }\n    }\n  }\n": typeof types.DesignRegistersDocument,
    "\n  mutation CreateRegister($key: String!, $name: String!, $nameEn: String, $regionCode: String!, $description: String) {\n    createRegister(input: { key: $key, name: $name, nameEn: $nameEn, regionCode: $regionCode, description: $description }) { id key }\n  }\n": typeof types.CreateRegisterDocument,
    "\n  mutation CreateProgramme($key: String!, $name: String!, $nameEn: String, $regionCode: String!, $description: String) {\n    createProgramme(input: { key: $key, name: $name, nameEn: $nameEn, regionCode: $regionCode, description: $description }) { id key }\n  }\n": typeof types.CreateProgrammeDocument,
    "\n  query BoardAddress($regionCode: String!) {\n    publicBoardAddress(regionCode: $regionCode)\n  }\n": typeof types.BoardAddressDocument,
    "\n  query PublicStatus($reference: String!, $idLastFour: String!) {\n    publicStatus(reference: $reference, idLastFour: $idLastFour) {\n      reference programmeName stepTitle stepTitleEn status submittedAt stepSince noticeEndsAt dueAt\n    }\n  }\n": typeof types.PublicStatusDocument,
    "\n  query RegisterDesign($key: String!) {\n    register(key: $key) {\n      id key name nameEn regionCode status\n      currentVersion { ...RegisterVersionDesign }\n      draft { ...RegisterVersionDesign }\n      versions { id number status createdAt publishedAt }\n    }\n  }\n  fragment RegisterVersionDesign on RegisterVersion {\n    id number status schema uiSchema keyFields nameField statusField\n    statuses { value zh en color }\n    changeKinds { key zh en death }\n    headIdField membersField memberIdField memberNameField editingRoles\n    checklist { key title titleEn programme reachedState event attachment }\n  }\n": typeof types.RegisterDesignDocument,
    "\n  mutation SaveRegisterDraft($key: String!, $definition: RegisterDefinitionInput!) {\n    saveRegisterDraft(key: $key, definition: $definition) { id number }\n  }\n": typeof types.SaveRegisterDraftDocument,
    "\n  mutation RetireRegister($key: String!) {\n    retireRegister(key: $key) { id status }\n  }\n": typeof types.RetireRegisterDocument,
    "\n  mutation PublishRegister($key: String!) {\n    publishRegister(key: $key) { id number }\n  }\n": typeof types.PublishRegisterDocument,
    "\n  query Reports { reports { id name description regionCode definition updatedAt } }\n": typeof types.ReportsDocument,
    "\n  query RunReport($id: ID, $definition: JSON, $regionCode: String) {\n    runReport(id: $id, definition: $definition, regionCode: $regionCode) {\n      columns { key title titleEn kind dimension level }\n      rows { keys labels values }\n      total regionCode scopeRegions { code name level } scopeLabel scopeLabelEn periodLabel periodLabelEn usedRollup\n    }\n  }\n": typeof types.RunReportDocument,
    "\n  mutation SaveReport($input: SaveReportInput!) { saveReport(input: $input) { id name } }\n": typeof types.SaveReportDocument,
    "\n  mutation DeleteReport($id: ID!) { deleteReport(id: $id) }\n": typeof types.DeleteReportDocument,
    "\n  query ReportForm($key: String!) { programme(key: $key) { key currentVersion { formSchema } } }\n": typeof types.ReportFormDocument,
    "\n  query ReportRegister($key: String!) { register(key: $key) { key currentVersion { schema } } }\n": typeof types.ReportRegisterDocument,
    "\n  query AdminUsers($regionCode: String, $search: String, $first: Int!, $after: String) {\n    users(regionCode: $regionCode, search: $search, first: $first, after: $after) {\n      totalCount\n      edges { node { id username displayName active regionCode roles { role roleTitle roleTitleEn roleRegionCode regionCode } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.AdminUsersDocument,
    "\n  query AdminRoles($regionCode: String, $includeBelow: Boolean!, $includeRetired: Boolean!) {\n    roles(regionCode: $regionCode, includeBelow: $includeBelow, includeRetired: $includeRetired) { id name zh en builtIn regionCode retired readScope }\n  }\n": typeof types.AdminRolesDocument,
    "\n  mutation AdminCreateUser($input: CreateUserInput!) { createUser(input: $input) { id username } }\n": typeof types.AdminCreateUserDocument,
    "\n  mutation AdminCreateUsers($rows: [NewUserRow!]!) {\n    createUsers(rows: $rows) { initialPassword user { username displayName regionCode roles { role roleTitle roleTitleEn regionCode } } }\n  }\n": typeof types.AdminCreateUsersDocument,
    "\n  mutation AdminDisableUser($username: String!) { disableUser(username: $username) { id active } }\n": typeof types.AdminDisableUserDocument,
    "\n  mutation AdminEnableUser($username: String!) { enableUser(username: $username) { id active } }\n": typeof types.AdminEnableUserDocument,
    "\n  mutation AdminResetPassword($username: String!, $password: String!) { resetPassword(username: $username, password: $password) { id } }\n": typeof types.AdminResetPasswordDocument,
    "\n  mutation AdminGrantRole($username: String!, $role: String!, $regionCode: String!) { grantRole(username: $username, role: $role, regionCode: $regionCode) { role regionCode } }\n": typeof types.AdminGrantRoleDocument,
    "\n  mutation AdminRevokeRole($username: String!, $role: String!, $regionCode: String!) { revokeRole(username: $username, role: $role, regionCode: $regionCode) }\n": typeof types.AdminRevokeRoleDocument,
    "\n  mutation AdminDefineRole($input: RoleInput!) { defineRole(input: $input) { id name } }\n": typeof types.AdminDefineRoleDocument,
    "\n  mutation AdminUpdateRole($input: RoleInput!) { updateRole(input: $input) { id name } }\n": typeof types.AdminUpdateRoleDocument,
    "\n  mutation AdminRetireRole($name: String!, $regionCode: String!) { retireRole(name: $name, regionCode: $regionCode) { id retired } }\n": typeof types.AdminRetireRoleDocument,
    "\n  fragment ApplicationFull on Application {\n    id reference programmeKey\n    programme { key name nameEn }\n    programmeVersion {\n      number formSchema uiSchema\n      diagram { nodes { id kind title titleEn } edges { from to event title titleEn timer } }\n    }\n    regionCode region { name }\n    entry { id name status }\n    data state stateTitle stateTitleEn stateKind status version applicantName\n    createdAt updatedAt submittedAt stateEnteredAt noticeEndsAt openObjections\n    dueAt overdue openReview { occurrence title titleEn }\n    editableFields\n    availableActions { event title titleEn requiresComment }\n    blockedActions { event reason reasonEn paths }\n    quorum { event title titleEn needed votes voters { name role decision at } }\n    history { id at actorName role regionCode event eventTitle eventTitleEn fromState toState fromTitle toTitle comment changedFields occurrence }\n    objections { id reason contact status outcomeComment createdAt }\n  }\n": typeof types.ApplicationFullFragmentDoc,
    "\n  query Application($id: ID!) {\n    application(id: $id) { ...ApplicationFull }\n  }\n": typeof types.ApplicationDocument,
    "\n  mutation CreateApplication($programmeKey: String!, $regionCode: String!, $data: JSON, $idempotencyKey: String, $entryId: ID) {\n    createApplication(programmeKey: $programmeKey, regionCode: $regionCode, data: $data, idempotencyKey: $idempotencyKey, entryId: $entryId) { ...ApplicationFull }\n  }\n": typeof types.CreateApplicationDocument,
    "\n  mutation SaveApplication($id: ID!, $data: JSON!, $expectedVersion: Int!) {\n    saveApplication(id: $id, data: $data, expectedVersion: $expectedVersion) { ...ApplicationFull }\n  }\n": typeof types.SaveApplicationDocument,
    "\n  mutation SubmitApplication($id: ID!, $expectedVersion: Int!) {\n    submitApplication(id: $id, expectedVersion: $expectedVersion) { ...ApplicationFull }\n  }\n": typeof types.SubmitApplicationDocument,
    "\n  mutation TransitionApplication($id: ID!, $event: String!, $comment: String, $data: JSON, $expectedVersion: Int!) {\n    transitionApplication(id: $id, event: $event, comment: $comment, data: $data, expectedVersion: $expectedVersion) { ...ApplicationFull }\n  }\n": typeof types.TransitionApplicationDocument,
    "\n  mutation ResolveObjection($id: ID!, $outcome: String!, $comment: String!) {\n    resolveObjection(id: $id, outcome: $outcome, comment: $comment) { id status }\n  }\n": typeof types.ResolveObjectionDocument,
    "\n  query ApplicationList(\n    $search: String, $programmeKey: String, $status: String, $state: String, $regionCode: String,\n    $submittedFrom: DateTime, $submittedTo: DateTime, $first: Int!, $after: String\n  ) {\n    applications(\n      filter: { search: $search, programmeKey: $programmeKey, status: $status, state: $state, regionCode: $regionCode, submittedFrom: $submittedFrom, submittedTo: $submittedTo }\n      first: $first\n      after: $after\n    ) {\n      totalCount\n      edges {\n        node {\n          id reference programmeKey programme { key name nameEn }\n          regionCode region { name }\n          state stateTitle stateTitleEn stateKind status applicantName\n          submittedAt updatedAt\n          version availableActions { event title titleEn requiresComment }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.ApplicationListDocument,
    "\n  query ImportTargets {\n    programmes { key name nameEn status currentVersion { number } }\n    registers { key name nameEn status currentVersion { number } }\n  }\n": typeof types.ImportTargetsDocument,
    "\n  query ImportJob($id: ID!, $first: Int!, $after: String) {\n    importJob(id: $id) {\n      id targetKind targetKey fileName status mode totalRows validatedRows validRows linkedRows errorRows problemCount writtenRows skippedRows\n      progressDone progressTotal etaSeconds message messageZh markedFileUrl cancelRequested submit submitAllowed\n      problems(first: $first, after: $after) { nodes { row sheet line column message messageEn } pageInfo { hasNextPage endCursor } }\n    }\n  }\n": typeof types.ImportJobDocument,
    "\n  mutation CommitImport($id: ID!, $mode: ImportCommitMode!, $submit: Boolean!) {\n    commitImport(id: $id, mode: $mode, submit: $submit) { id status }\n  }\n": typeof types.CommitImportDocument,
    "\n  mutation CancelImport($id: ID!) {\n    cancelImport(id: $id) { id status }\n  }\n": typeof types.CancelImportDocument,
    "\n  query QualityFindings($filter: QualityFindingFilter, $first: Int!, $after: String) {\n    qualityFindings(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node {\n        id checkKey ruleKey recordKind recordKey recordLabel sourceKey regionCode severity messageZh messageEn fields detail\n        status comment dismissedAt firstSeenAt lastSeenAt fixedAt\n      } }\n    }\n  }\n": typeof types.QualityFindingsDocument,
    "\n  query QualitySummary($regionCode: String) {\n    qualitySummary(regionCode: $regionCode) { regionCode checkKey ruleKey severity messageZh messageEn open dismissed }\n  }\n": typeof types.QualitySummaryDocument,
    "\n  mutation DismissQualityFinding($id: ID!, $comment: String!) {\n    dismissQualityFinding(id: $id, comment: $comment) { id status comment }\n  }\n": typeof types.DismissQualityFindingDocument,
    "\n  mutation RunQualityRules($regionCode: String!) {\n    runQualityRules(regionCode: $regionCode) { id recordsChecked findingsOpened findingsClosed truncated }\n  }\n": typeof types.RunQualityRulesDocument,
    "\n  query QualityRules {\n    qualityRules { id key kind target sourceKey regionCode logic aggregate severity messageZh messageEn fields updatedAt }\n    qualitySchedules { regionCode cron enabled nextRunAt }\n    programmes { key name nameEn currentVersion { number } }\n    registers { key name nameEn currentVersion { number } }\n  }\n": typeof types.QualityRulesDocument,
    "\n  mutation DefineQualityRule($input: QualityRuleInput!) {\n    defineQualityRule(input: $input) { id key }\n  }\n": typeof types.DefineQualityRuleDocument,
    "\n  mutation UpdateQualityRule($id: ID!, $input: QualityRuleInput!) {\n    updateQualityRule(id: $id, input: $input) { id key }\n  }\n": typeof types.UpdateQualityRuleDocument,
    "\n  mutation RetireQualityRule($id: ID!) {\n    retireQualityRule(id: $id) { id retiredAt }\n  }\n": typeof types.RetireQualityRuleDocument,
    "\n  query PreviewQualityRule($regionCode: String!, $input: QualityRuleInput!) {\n    previewQualityRule(regionCode: $regionCode, input: $input) { checked failing errors hits { recordKey label regionCode detail } }\n  }\n": typeof types.PreviewQualityRuleDocument,
    "\n  mutation SetQualitySchedule($regionCode: String!, $cron: String!, $enabled: Boolean!) {\n    setQualitySchedule(regionCode: $regionCode, cron: $cron, enabled: $enabled) { regionCode cron enabled nextRunAt }\n  }\n": typeof types.SetQualityScheduleDocument,
    "\n  query Registers {\n    registers {\n      id key name nameEn regionCode status canReadEntries\n      currentVersion {\n        id number statusField\n        statuses { value zh en color }\n        changeKinds { key zh en }\n        filterFields { path title values many }\n        checklist { key }\n      }\n    }\n  }\n": typeof types.RegistersDocument,
    "\n  query RegisterEntryList(\n    $registerKey: String!, $regionCode: String, $status: String, $search: String, $fields: [RegisterFieldFilter!],\n    $incomplete: Boolean, $first: Int!, $after: String\n  ) {\n    registerEntries(\n      filter: { registerKey: $registerKey, regionCode: $regionCode, status: $status, search: $search, fields: $fields, incomplete: $incomplete }\n      first: $first\n      after: $after\n    ) {\n      totalCount\n      edges {\n        node {\n          id key name status statusTitle statusTitleEn statusColor regionCode region { name } updatedAt version\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.RegisterEntryListDocument,
    "\n  fragment RegisterEntryFull on RegisterEntry {\n    id key name status statusTitle statusTitleEn statusColor regionCode region { name } data version canEdit createdAt updatedAt\n    register {\n      key name nameEn status\n      currentVersion {\n        id number schema uiSchema statusField membersField memberIdField memberNameField\n        statuses { value zh en color }\n        changeKinds { key zh en }\n      }\n    }\n    persons { idNumber role name pointer }\n    checklist { key title titleEn programme done applicationReference }\n    changes(last: 30) {\n      id seq at actorName role regionCode kind kindTitle kindTitleEn comment applicationReference sourceFile\n      changes { path before after }\n    }\n  }\n": typeof types.RegisterEntryFullFragmentDoc,
    "\n  query RegisterEntry($id: ID!) {\n    registerEntry(id: $id) { ...RegisterEntryFull }\n  }\n": typeof types.RegisterEntryDocument,
    "\n  mutation UpdateRegisterEntry($id: ID!, $data: JSON!, $expectedVersion: Int!, $kind: String!, $comment: String, $movePersons: [String!]) {\n    updateRegisterEntry(id: $id, data: $data, expectedVersion: $expectedVersion, kind: $kind, comment: $comment, movePersons: $movePersons) { ...RegisterEntryFull }\n  }\n": typeof types.UpdateRegisterEntryDocument,
    "\n  query Regions($parentCode: String) {\n    regions(parentCode: $parentCode) { code name level parentCode }\n  }\n": typeof types.RegionsDocument,
    "\n  query Region($code: String!) {\n    region(code: $code) { code name level parentCode }\n  }\n": typeof types.RegionDocument,
    "\n  query Roles {\n    roles { name zh en }\n  }\n": typeof types.RolesDocument,
    "\n  query Me {\n    me { id username displayName roles { role roleTitle regionCode } }\n  }\n": typeof types.MeDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      expiresAt\n      user { id username displayName roles { role roleTitle regionCode } }\n    }\n  }\n": typeof types.LoginDocument,
};
const documents: Documents = {
    "\n  mutation BulkTransition($input: BulkTransitionInput!) {\n    bulkTransition(input: $input) { id reference ok code message messageZh version }\n  }\n": types.BulkTransitionDocument,
    "\n  query Ledgers($programmeKey: String!) {\n    ledgers(programmeKey: $programmeKey) { name title titleEn }\n  }\n": types.LedgersDocument,
    "\n  query PickEntries($filter: RegisterEntryFilter!) {\n    registerEntries(filter: $filter, first: 20) { edges { node { id name status regionCode data } } }\n  }\n": types.PickEntriesDocument,
    "\n  query NavAccess {\n    programmes { key canFile }\n    registers { key canReadEntries }\n  }\n": types.NavAccessDocument,
    "\n  query ProgrammeNoticeContact($key: String!) {\n    programme(key: $key) {\n      id\n      noticeContact { office phone address }\n      noticeContactInEffect { office phone address }\n    }\n  }\n": types.ProgrammeNoticeContactDocument,
    "\n  mutation SetProgrammeNoticeContact($key: String!, $contact: NoticeContactInput) {\n    setNoticeContact(programmeKey: $key, contact: $contact) { office phone address }\n  }\n": types.SetProgrammeNoticeContactDocument,
    "\n  query FlowRoles {\n    roles { name zh en }\n  }\n": types.FlowRolesDocument,
    "\n  query FlowRegisters {\n    registers { key name nameEn currentVersion { schema changeKinds { key zh en } statuses { value zh en } } }\n  }\n": types.FlowRegistersDocument,
    "\n  query SimulateDraft($formSchema: JSON, $workflow: JSON, $programme: String, $data: JSON, $entry: JSON, $steps: [SimulationStepInput!]!) {\n    simulateWorkflow(formSchema: $formSchema, workflow: $workflow, programme: $programme, data: $data, entry: $entry, steps: $steps) {\n      initialState finalState completed generated entry entryGenerated\n      dataProblems { path message messageEn }\n      steps {\n        index event role from to accepted status title titleEn refusalCode refusal refusalZh\n        problems { path message messageEn }\n        computed { pointer value }\n        effects { op entryPointer formPointer value }\n        timers { delay duration step target }\n        due\n      }\n    }\n  }\n": types.SimulateDraftDocument,
    "\n  mutation SaveSamplePath($programme: String!, $name: String!, $data: JSON, $entry: JSON, $steps: [SimulationStepInput!]!) {\n    saveSamplePath(programme: $programme, name: $name, data: $data, entry: $entry, steps: $steps) { id name expectState }\n  }\n": types.SaveSamplePathDocument,
    "\n  query RunSamplePaths($programme: String!) {\n    runSamplePaths(programme: $programme) { passed endState message messageZh path { name } }\n  }\n": types.RunSamplePathsDocument,
    "\n  query ProgrammeVersionDiff($programme: String!, $from: Int!, $to: Int!) {\n    programmeVersionDiff(programme: $programme, from: $from, to: $to) {\n      from to\n      fields { change pointer aspects before after }\n      states { change state aspects }\n      transitions { change state event aspects }\n    }\n  }\n": types.ProgrammeVersionDiffDocument,
    "\n  query CaseMigrationPreview($input: CaseMigrationInput!, $first: Int!, $after: String) {\n    caseMigrationPreview(input: $input, first: $first, after: $after) {\n      total endCursor\n      items { applicationId reference state targetState status canMove reasons { code message messageEn path } }\n    }\n  }\n": types.CaseMigrationPreviewDocument,
    "\n  mutation MigrateCases($input: CaseMigrationInput!, $ids: [ID!]!) {\n    migrateCases(input: $input, applicationIds: $ids) {\n      moved { applicationId reference targetState }\n      stayed { applicationId reference reasons { code message messageEn } }\n    }\n  }\n": types.MigrateCasesDocument,
    "\n  query LedgerLayouts($programmeKey: String!) {\n    ledgers(programmeKey: $programmeKey) { name title titleEn updatedAt columns { field title } }\n    ledgerFields(programmeKey: $programmeKey) { field title titleEn kind group }\n  }\n": types.LedgerLayoutsDocument,
    "\n  mutation DefineLedgerLayout($programmeKey: String!, $input: LedgerInput!) {\n    defineLedger(programmeKey: $programmeKey, input: $input) { name title columns { field title } }\n  }\n": types.DefineLedgerLayoutDocument,
    "\n  mutation RetireLedgerLayout($programmeKey: String!, $name: String!) {\n    retireLedger(programmeKey: $programmeKey, name: $name) { name }\n  }\n": types.RetireLedgerLayoutDocument,
    "\n  query ChecklistProgrammes {\n    programmes { key name nameEn currentVersion { workflow formSchema } }\n  }\n": types.ChecklistProgrammesDocument,
    "\n  query RegisterRoles($regionCode: String) {\n    roles(regionCode: $regionCode) { name zh en }\n  }\n": types.RegisterRolesDocument,
    "\n  query PublicNotices($regionCode: String, $first: Int, $after: String) {\n    publicNotices(regionCode: $regionCode, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          reference\n          programmeKey\n          programmeName\n          regionCode\n          regionName\n          townshipName\n          stateTitle\n          noticeStart\n          noticeEnd\n          office officePhone officeAddress\n          fields { title value }\n          objectionOpen\n          objectionPending\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.PublicNoticesDocument,
    "\n  mutation RaiseObjection($reference: String!, $reason: String!, $contact: String) {\n    raiseObjection(reference: $reference, reason: $reason, contact: $contact) { id reference status createdAt receipt }\n  }\n": types.RaiseObjectionDocument,
    "\n  query ObjectionStatus($receipt: String!) {\n    objectionStatus(receipt: $receipt) { receipt reference status createdAt resolvedAt dismissalReason }\n  }\n": types.ObjectionStatusDocument,
    "\n  query UnreadNotificationCount {\n    unreadNotificationCount\n  }\n": types.UnreadNotificationCountDocument,
    "\n  query Notifications($first: Int!, $after: String) {\n    notifications(first: $first, after: $after) {\n      nodes { id kind title titleEn applicationId importJobId reference createdAt readAt }\n      pageInfo { hasNextPage endCursor }\n    }\n    unreadNotificationCount\n  }\n": types.NotificationsDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!], $all: Boolean) {\n    markNotificationsRead(ids: $ids, all: $all)\n  }\n": types.MarkNotificationsReadDocument,
    "\n  query Webhooks {\n    webhooks { id regionCode name url eventKinds active secretHint createdAt }\n  }\n": types.WebhooksDocument,
    "\n  mutation CreateWebhook($regionCode: String!, $input: WebhookInput!) {\n    createWebhook(regionCode: $regionCode, input: $input) { id }\n  }\n": types.CreateWebhookDocument,
    "\n  mutation UpdateWebhook($id: ID!, $input: WebhookInput!) {\n    updateWebhook(id: $id, input: $input) { id }\n  }\n": types.UpdateWebhookDocument,
    "\n  mutation DeleteWebhook($id: ID!) {\n    deleteWebhook(id: $id)\n  }\n": types.DeleteWebhookDocument,
    "\n  query WebhookDeliveries($id: ID!, $first: Int!, $after: String) {\n    webhookDeliveries(webhookId: $id, first: $first, after: $after) {\n      nodes { id reference kind status attempts nextAttemptAt lastAttemptAt lastStatus lastError deliveredAt createdAt }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.WebhookDeliveriesDocument,
    "\n  mutation RedeliverWebhook($id: ID!) {\n    redeliverWebhook(id: $id) { id status }\n  }\n": types.RedeliverWebhookDocument,
    "\n  mutation OfflineCreate($programmeKey: String!, $regionCode: String!, $data: JSON, $idempotencyKey: String) {\n    createApplication(programmeKey: $programmeKey, regionCode: $regionCode, data: $data, idempotencyKey: $idempotencyKey) { id reference version data }\n  }\n": types.OfflineCreateDocument,
    "\n  mutation OfflineSave($id: ID!, $data: JSON!, $expectedVersion: Int!) {\n    saveApplication(id: $id, data: $data, expectedVersion: $expectedVersion) { id reference version data }\n  }\n": types.OfflineSaveDocument,
    "\n  query OfflineServerCopy($id: ID!) {\n    application(id: $id) { id reference version data updatedAt }\n  }\n": types.OfflineServerCopyDocument,
    "\n  query Programme($key: String!) {\n    programme(key: $key) {\n      id key name nameEn description regionCode status\n      currentVersion { id number status formSchema uiSchema workflow createdAt publishedAt }\n      draft { id number status formSchema uiSchema workflow createdAt publishedAt }\n      versions { id number status formSchema uiSchema workflow createdAt publishedAt }\n    }\n  }\n": types.ProgrammeDocument,
    "\n  mutation SaveProgrammeDraft($key: String!, $formSchema: JSON!, $uiSchema: JSON, $workflow: JSON!) {\n    saveProgrammeDraft(key: $key, formSchema: $formSchema, uiSchema: $uiSchema, workflow: $workflow) { id number status createdAt }\n  }\n": types.SaveProgrammeDraftDocument,
    "\n  mutation PublishProgramme($key: String!) {\n    publishProgramme(key: $key) { id number status publishedAt }\n  }\n": types.PublishProgrammeDocument,
    "\n  mutation RetireProgramme($key: String!) {\n    retireProgramme(key: $key) { id status }\n  }\n": types.RetireProgrammeDocument,
    "\n  query CheckWorkflow($workflow: JSON!) {\n    checkWorkflow(workflow: $workflow) {\n      ok\n      errors { code message messageZh state event }\n      warnings { code message messageZh state event }\n    }\n  }\n": types.CheckWorkflowDocument,
    "\n  query CheckFormSchema($formSchema: JSON!) {\n    checkFormSchema(formSchema: $formSchema) { path message }\n  }\n": types.CheckFormSchemaDocument,
    "\n  query EntryApplications($entryId: ID!) {\n    applications(filter: { entryId: $entryId }, first: 50) {\n      edges { node { id reference status stateTitle stateTitleEn createdAt programme { name nameEn } } }\n    }\n  }\n": types.EntryApplicationsDocument,
    "\n  query MyTasks($programmeKey: String, $state: String, $regionCode: String, $overdue: Boolean, $orderBy: TaskOrder, $first: Int, $after: String) {\n    myTasks(filter: { programmeKey: $programmeKey, state: $state, regionCode: $regionCode, overdue: $overdue }, orderBy: $orderBy, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id reference programmeKey programme { key name nameEn }\n          regionCode region { name }\n          state stateTitle stateTitleEn stateKind status applicantName\n          submittedAt stateEnteredAt updatedAt noticeEndsAt\n          dueAt overdue openReview { occurrence title titleEn }\n          version availableActions { event title titleEn requiresComment }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.MyTasksDocument,
    "\n  query ProgrammeSteps($key: String!) {\n    programme(key: $key) { key currentVersion { diagram { nodes { id kind title titleEn } } } }\n  }\n": types.ProgrammeStepsDocument,
    "\n  query ProgrammeForm($key: String!) {\n    programme(key: $key) { key name nameEn description currentVersion { number formSchema uiSchema workflow } }\n  }\n": types.ProgrammeFormDocument,
    "\n  query EntryForFiling($id: ID!) {\n    registerEntry(id: $id) { id name status regionCode data register { key } }\n  }\n": types.EntryForFilingDocument,
    "\n  query Programmes {\n    programmes {\n      canFile\n      id key name nameEn description regionCode status\n      currentVersion { id number publishedAt }\n      draft { id number createdAt }\n    }\n  }\n": types.ProgrammesDocument,
    "\n  query DesignRegisters {\n    registers(includeRetired: true) {\n      id key name nameEn regionCode status\n      currentVersion { id number publishedAt }\n      draft { id number createdAt }\n    }\n  }\n": types.DesignRegistersDocument,
    "\n  mutation CreateRegister($key: String!, $name: String!, $nameEn: String, $regionCode: String!, $description: String) {\n    createRegister(input: { key: $key, name: $name, nameEn: $nameEn, regionCode: $regionCode, description: $description }) { id key }\n  }\n": types.CreateRegisterDocument,
    "\n  mutation CreateProgramme($key: String!, $name: String!, $nameEn: String, $regionCode: String!, $description: String) {\n    createProgramme(input: { key: $key, name: $name, nameEn: $nameEn, regionCode: $regionCode, description: $description }) { id key }\n  }\n": types.CreateProgrammeDocument,
    "\n  query BoardAddress($regionCode: String!) {\n    publicBoardAddress(regionCode: $regionCode)\n  }\n": types.BoardAddressDocument,
    "\n  query PublicStatus($reference: String!, $idLastFour: String!) {\n    publicStatus(reference: $reference, idLastFour: $idLastFour) {\n      reference programmeName stepTitle stepTitleEn status submittedAt stepSince noticeEndsAt dueAt\n    }\n  }\n": types.PublicStatusDocument,
    "\n  query RegisterDesign($key: String!) {\n    register(key: $key) {\n      id key name nameEn regionCode status\n      currentVersion { ...RegisterVersionDesign }\n      draft { ...RegisterVersionDesign }\n      versions { id number status createdAt publishedAt }\n    }\n  }\n  fragment RegisterVersionDesign on RegisterVersion {\n    id number status schema uiSchema keyFields nameField statusField\n    statuses { value zh en color }\n    changeKinds { key zh en death }\n    headIdField membersField memberIdField memberNameField editingRoles\n    checklist { key title titleEn programme reachedState event attachment }\n  }\n": types.RegisterDesignDocument,
    "\n  mutation SaveRegisterDraft($key: String!, $definition: RegisterDefinitionInput!) {\n    saveRegisterDraft(key: $key, definition: $definition) { id number }\n  }\n": types.SaveRegisterDraftDocument,
    "\n  mutation RetireRegister($key: String!) {\n    retireRegister(key: $key) { id status }\n  }\n": types.RetireRegisterDocument,
    "\n  mutation PublishRegister($key: String!) {\n    publishRegister(key: $key) { id number }\n  }\n": types.PublishRegisterDocument,
    "\n  query Reports { reports { id name description regionCode definition updatedAt } }\n": types.ReportsDocument,
    "\n  query RunReport($id: ID, $definition: JSON, $regionCode: String) {\n    runReport(id: $id, definition: $definition, regionCode: $regionCode) {\n      columns { key title titleEn kind dimension level }\n      rows { keys labels values }\n      total regionCode scopeRegions { code name level } scopeLabel scopeLabelEn periodLabel periodLabelEn usedRollup\n    }\n  }\n": types.RunReportDocument,
    "\n  mutation SaveReport($input: SaveReportInput!) { saveReport(input: $input) { id name } }\n": types.SaveReportDocument,
    "\n  mutation DeleteReport($id: ID!) { deleteReport(id: $id) }\n": types.DeleteReportDocument,
    "\n  query ReportForm($key: String!) { programme(key: $key) { key currentVersion { formSchema } } }\n": types.ReportFormDocument,
    "\n  query ReportRegister($key: String!) { register(key: $key) { key currentVersion { schema } } }\n": types.ReportRegisterDocument,
    "\n  query AdminUsers($regionCode: String, $search: String, $first: Int!, $after: String) {\n    users(regionCode: $regionCode, search: $search, first: $first, after: $after) {\n      totalCount\n      edges { node { id username displayName active regionCode roles { role roleTitle roleTitleEn roleRegionCode regionCode } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.AdminUsersDocument,
    "\n  query AdminRoles($regionCode: String, $includeBelow: Boolean!, $includeRetired: Boolean!) {\n    roles(regionCode: $regionCode, includeBelow: $includeBelow, includeRetired: $includeRetired) { id name zh en builtIn regionCode retired readScope }\n  }\n": types.AdminRolesDocument,
    "\n  mutation AdminCreateUser($input: CreateUserInput!) { createUser(input: $input) { id username } }\n": types.AdminCreateUserDocument,
    "\n  mutation AdminCreateUsers($rows: [NewUserRow!]!) {\n    createUsers(rows: $rows) { initialPassword user { username displayName regionCode roles { role roleTitle roleTitleEn regionCode } } }\n  }\n": types.AdminCreateUsersDocument,
    "\n  mutation AdminDisableUser($username: String!) { disableUser(username: $username) { id active } }\n": types.AdminDisableUserDocument,
    "\n  mutation AdminEnableUser($username: String!) { enableUser(username: $username) { id active } }\n": types.AdminEnableUserDocument,
    "\n  mutation AdminResetPassword($username: String!, $password: String!) { resetPassword(username: $username, password: $password) { id } }\n": types.AdminResetPasswordDocument,
    "\n  mutation AdminGrantRole($username: String!, $role: String!, $regionCode: String!) { grantRole(username: $username, role: $role, regionCode: $regionCode) { role regionCode } }\n": types.AdminGrantRoleDocument,
    "\n  mutation AdminRevokeRole($username: String!, $role: String!, $regionCode: String!) { revokeRole(username: $username, role: $role, regionCode: $regionCode) }\n": types.AdminRevokeRoleDocument,
    "\n  mutation AdminDefineRole($input: RoleInput!) { defineRole(input: $input) { id name } }\n": types.AdminDefineRoleDocument,
    "\n  mutation AdminUpdateRole($input: RoleInput!) { updateRole(input: $input) { id name } }\n": types.AdminUpdateRoleDocument,
    "\n  mutation AdminRetireRole($name: String!, $regionCode: String!) { retireRole(name: $name, regionCode: $regionCode) { id retired } }\n": types.AdminRetireRoleDocument,
    "\n  fragment ApplicationFull on Application {\n    id reference programmeKey\n    programme { key name nameEn }\n    programmeVersion {\n      number formSchema uiSchema\n      diagram { nodes { id kind title titleEn } edges { from to event title titleEn timer } }\n    }\n    regionCode region { name }\n    entry { id name status }\n    data state stateTitle stateTitleEn stateKind status version applicantName\n    createdAt updatedAt submittedAt stateEnteredAt noticeEndsAt openObjections\n    dueAt overdue openReview { occurrence title titleEn }\n    editableFields\n    availableActions { event title titleEn requiresComment }\n    blockedActions { event reason reasonEn paths }\n    quorum { event title titleEn needed votes voters { name role decision at } }\n    history { id at actorName role regionCode event eventTitle eventTitleEn fromState toState fromTitle toTitle comment changedFields occurrence }\n    objections { id reason contact status outcomeComment createdAt }\n  }\n": types.ApplicationFullFragmentDoc,
    "\n  query Application($id: ID!) {\n    application(id: $id) { ...ApplicationFull }\n  }\n": types.ApplicationDocument,
    "\n  mutation CreateApplication($programmeKey: String!, $regionCode: String!, $data: JSON, $idempotencyKey: String, $entryId: ID) {\n    createApplication(programmeKey: $programmeKey, regionCode: $regionCode, data: $data, idempotencyKey: $idempotencyKey, entryId: $entryId) { ...ApplicationFull }\n  }\n": types.CreateApplicationDocument,
    "\n  mutation SaveApplication($id: ID!, $data: JSON!, $expectedVersion: Int!) {\n    saveApplication(id: $id, data: $data, expectedVersion: $expectedVersion) { ...ApplicationFull }\n  }\n": types.SaveApplicationDocument,
    "\n  mutation SubmitApplication($id: ID!, $expectedVersion: Int!) {\n    submitApplication(id: $id, expectedVersion: $expectedVersion) { ...ApplicationFull }\n  }\n": types.SubmitApplicationDocument,
    "\n  mutation TransitionApplication($id: ID!, $event: String!, $comment: String, $data: JSON, $expectedVersion: Int!) {\n    transitionApplication(id: $id, event: $event, comment: $comment, data: $data, expectedVersion: $expectedVersion) { ...ApplicationFull }\n  }\n": types.TransitionApplicationDocument,
    "\n  mutation ResolveObjection($id: ID!, $outcome: String!, $comment: String!) {\n    resolveObjection(id: $id, outcome: $outcome, comment: $comment) { id status }\n  }\n": types.ResolveObjectionDocument,
    "\n  query ApplicationList(\n    $search: String, $programmeKey: String, $status: String, $state: String, $regionCode: String,\n    $submittedFrom: DateTime, $submittedTo: DateTime, $first: Int!, $after: String\n  ) {\n    applications(\n      filter: { search: $search, programmeKey: $programmeKey, status: $status, state: $state, regionCode: $regionCode, submittedFrom: $submittedFrom, submittedTo: $submittedTo }\n      first: $first\n      after: $after\n    ) {\n      totalCount\n      edges {\n        node {\n          id reference programmeKey programme { key name nameEn }\n          regionCode region { name }\n          state stateTitle stateTitleEn stateKind status applicantName\n          submittedAt updatedAt\n          version availableActions { event title titleEn requiresComment }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.ApplicationListDocument,
    "\n  query ImportTargets {\n    programmes { key name nameEn status currentVersion { number } }\n    registers { key name nameEn status currentVersion { number } }\n  }\n": types.ImportTargetsDocument,
    "\n  query ImportJob($id: ID!, $first: Int!, $after: String) {\n    importJob(id: $id) {\n      id targetKind targetKey fileName status mode totalRows validatedRows validRows linkedRows errorRows problemCount writtenRows skippedRows\n      progressDone progressTotal etaSeconds message messageZh markedFileUrl cancelRequested submit submitAllowed\n      problems(first: $first, after: $after) { nodes { row sheet line column message messageEn } pageInfo { hasNextPage endCursor } }\n    }\n  }\n": types.ImportJobDocument,
    "\n  mutation CommitImport($id: ID!, $mode: ImportCommitMode!, $submit: Boolean!) {\n    commitImport(id: $id, mode: $mode, submit: $submit) { id status }\n  }\n": types.CommitImportDocument,
    "\n  mutation CancelImport($id: ID!) {\n    cancelImport(id: $id) { id status }\n  }\n": types.CancelImportDocument,
    "\n  query QualityFindings($filter: QualityFindingFilter, $first: Int!, $after: String) {\n    qualityFindings(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node {\n        id checkKey ruleKey recordKind recordKey recordLabel sourceKey regionCode severity messageZh messageEn fields detail\n        status comment dismissedAt firstSeenAt lastSeenAt fixedAt\n      } }\n    }\n  }\n": types.QualityFindingsDocument,
    "\n  query QualitySummary($regionCode: String) {\n    qualitySummary(regionCode: $regionCode) { regionCode checkKey ruleKey severity messageZh messageEn open dismissed }\n  }\n": types.QualitySummaryDocument,
    "\n  mutation DismissQualityFinding($id: ID!, $comment: String!) {\n    dismissQualityFinding(id: $id, comment: $comment) { id status comment }\n  }\n": types.DismissQualityFindingDocument,
    "\n  mutation RunQualityRules($regionCode: String!) {\n    runQualityRules(regionCode: $regionCode) { id recordsChecked findingsOpened findingsClosed truncated }\n  }\n": types.RunQualityRulesDocument,
    "\n  query QualityRules {\n    qualityRules { id key kind target sourceKey regionCode logic aggregate severity messageZh messageEn fields updatedAt }\n    qualitySchedules { regionCode cron enabled nextRunAt }\n    programmes { key name nameEn currentVersion { number } }\n    registers { key name nameEn currentVersion { number } }\n  }\n": types.QualityRulesDocument,
    "\n  mutation DefineQualityRule($input: QualityRuleInput!) {\n    defineQualityRule(input: $input) { id key }\n  }\n": types.DefineQualityRuleDocument,
    "\n  mutation UpdateQualityRule($id: ID!, $input: QualityRuleInput!) {\n    updateQualityRule(id: $id, input: $input) { id key }\n  }\n": types.UpdateQualityRuleDocument,
    "\n  mutation RetireQualityRule($id: ID!) {\n    retireQualityRule(id: $id) { id retiredAt }\n  }\n": types.RetireQualityRuleDocument,
    "\n  query PreviewQualityRule($regionCode: String!, $input: QualityRuleInput!) {\n    previewQualityRule(regionCode: $regionCode, input: $input) { checked failing errors hits { recordKey label regionCode detail } }\n  }\n": types.PreviewQualityRuleDocument,
    "\n  mutation SetQualitySchedule($regionCode: String!, $cron: String!, $enabled: Boolean!) {\n    setQualitySchedule(regionCode: $regionCode, cron: $cron, enabled: $enabled) { regionCode cron enabled nextRunAt }\n  }\n": types.SetQualityScheduleDocument,
    "\n  query Registers {\n    registers {\n      id key name nameEn regionCode status canReadEntries\n      currentVersion {\n        id number statusField\n        statuses { value zh en color }\n        changeKinds { key zh en }\n        filterFields { path title values many }\n        checklist { key }\n      }\n    }\n  }\n": types.RegistersDocument,
    "\n  query RegisterEntryList(\n    $registerKey: String!, $regionCode: String, $status: String, $search: String, $fields: [RegisterFieldFilter!],\n    $incomplete: Boolean, $first: Int!, $after: String\n  ) {\n    registerEntries(\n      filter: { registerKey: $registerKey, regionCode: $regionCode, status: $status, search: $search, fields: $fields, incomplete: $incomplete }\n      first: $first\n      after: $after\n    ) {\n      totalCount\n      edges {\n        node {\n          id key name status statusTitle statusTitleEn statusColor regionCode region { name } updatedAt version\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.RegisterEntryListDocument,
    "\n  fragment RegisterEntryFull on RegisterEntry {\n    id key name status statusTitle statusTitleEn statusColor regionCode region { name } data version canEdit createdAt updatedAt\n    register {\n      key name nameEn status\n      currentVersion {\n        id number schema uiSchema statusField membersField memberIdField memberNameField\n        statuses { value zh en color }\n        changeKinds { key zh en }\n      }\n    }\n    persons { idNumber role name pointer }\n    checklist { key title titleEn programme done applicationReference }\n    changes(last: 30) {\n      id seq at actorName role regionCode kind kindTitle kindTitleEn comment applicationReference sourceFile\n      changes { path before after }\n    }\n  }\n": types.RegisterEntryFullFragmentDoc,
    "\n  query RegisterEntry($id: ID!) {\n    registerEntry(id: $id) { ...RegisterEntryFull }\n  }\n": types.RegisterEntryDocument,
    "\n  mutation UpdateRegisterEntry($id: ID!, $data: JSON!, $expectedVersion: Int!, $kind: String!, $comment: String, $movePersons: [String!]) {\n    updateRegisterEntry(id: $id, data: $data, expectedVersion: $expectedVersion, kind: $kind, comment: $comment, movePersons: $movePersons) { ...RegisterEntryFull }\n  }\n": types.UpdateRegisterEntryDocument,
    "\n  query Regions($parentCode: String) {\n    regions(parentCode: $parentCode) { code name level parentCode }\n  }\n": types.RegionsDocument,
    "\n  query Region($code: String!) {\n    region(code: $code) { code name level parentCode }\n  }\n": types.RegionDocument,
    "\n  query Roles {\n    roles { name zh en }\n  }\n": types.RolesDocument,
    "\n  query Me {\n    me { id username displayName roles { role roleTitle regionCode } }\n  }\n": types.MeDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      expiresAt\n      user { id username displayName roles { role roleTitle regionCode } }\n    }\n  }\n": types.LoginDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BulkTransition($input: BulkTransitionInput!) {\n    bulkTransition(input: $input) { id reference ok code message messageZh version }\n  }\n"): typeof import('./graphql').BulkTransitionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Ledgers($programmeKey: String!) {\n    ledgers(programmeKey: $programmeKey) { name title titleEn }\n  }\n"): typeof import('./graphql').LedgersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PickEntries($filter: RegisterEntryFilter!) {\n    registerEntries(filter: $filter, first: 20) { edges { node { id name status regionCode data } } }\n  }\n"): typeof import('./graphql').PickEntriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NavAccess {\n    programmes { key canFile }\n    registers { key canReadEntries }\n  }\n"): typeof import('./graphql').NavAccessDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProgrammeNoticeContact($key: String!) {\n    programme(key: $key) {\n      id\n      noticeContact { office phone address }\n      noticeContactInEffect { office phone address }\n    }\n  }\n"): typeof import('./graphql').ProgrammeNoticeContactDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetProgrammeNoticeContact($key: String!, $contact: NoticeContactInput) {\n    setNoticeContact(programmeKey: $key, contact: $contact) { office phone address }\n  }\n"): typeof import('./graphql').SetProgrammeNoticeContactDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FlowRoles {\n    roles { name zh en }\n  }\n"): typeof import('./graphql').FlowRolesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FlowRegisters {\n    registers { key name nameEn currentVersion { schema changeKinds { key zh en } statuses { value zh en } } }\n  }\n"): typeof import('./graphql').FlowRegistersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SimulateDraft($formSchema: JSON, $workflow: JSON, $programme: String, $data: JSON, $entry: JSON, $steps: [SimulationStepInput!]!) {\n    simulateWorkflow(formSchema: $formSchema, workflow: $workflow, programme: $programme, data: $data, entry: $entry, steps: $steps) {\n      initialState finalState completed generated entry entryGenerated\n      dataProblems { path message messageEn }\n      steps {\n        index event role from to accepted status title titleEn refusalCode refusal refusalZh\n        problems { path message messageEn }\n        computed { pointer value }\n        effects { op entryPointer formPointer value }\n        timers { delay duration step target }\n        due\n      }\n    }\n  }\n"): typeof import('./graphql').SimulateDraftDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveSamplePath($programme: String!, $name: String!, $data: JSON, $entry: JSON, $steps: [SimulationStepInput!]!) {\n    saveSamplePath(programme: $programme, name: $name, data: $data, entry: $entry, steps: $steps) { id name expectState }\n  }\n"): typeof import('./graphql').SaveSamplePathDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunSamplePaths($programme: String!) {\n    runSamplePaths(programme: $programme) { passed endState message messageZh path { name } }\n  }\n"): typeof import('./graphql').RunSamplePathsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProgrammeVersionDiff($programme: String!, $from: Int!, $to: Int!) {\n    programmeVersionDiff(programme: $programme, from: $from, to: $to) {\n      from to\n      fields { change pointer aspects before after }\n      states { change state aspects }\n      transitions { change state event aspects }\n    }\n  }\n"): typeof import('./graphql').ProgrammeVersionDiffDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseMigrationPreview($input: CaseMigrationInput!, $first: Int!, $after: String) {\n    caseMigrationPreview(input: $input, first: $first, after: $after) {\n      total endCursor\n      items { applicationId reference state targetState status canMove reasons { code message messageEn path } }\n    }\n  }\n"): typeof import('./graphql').CaseMigrationPreviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MigrateCases($input: CaseMigrationInput!, $ids: [ID!]!) {\n    migrateCases(input: $input, applicationIds: $ids) {\n      moved { applicationId reference targetState }\n      stayed { applicationId reference reasons { code message messageEn } }\n    }\n  }\n"): typeof import('./graphql').MigrateCasesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LedgerLayouts($programmeKey: String!) {\n    ledgers(programmeKey: $programmeKey) { name title titleEn updatedAt columns { field title } }\n    ledgerFields(programmeKey: $programmeKey) { field title titleEn kind group }\n  }\n"): typeof import('./graphql').LedgerLayoutsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DefineLedgerLayout($programmeKey: String!, $input: LedgerInput!) {\n    defineLedger(programmeKey: $programmeKey, input: $input) { name title columns { field title } }\n  }\n"): typeof import('./graphql').DefineLedgerLayoutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetireLedgerLayout($programmeKey: String!, $name: String!) {\n    retireLedger(programmeKey: $programmeKey, name: $name) { name }\n  }\n"): typeof import('./graphql').RetireLedgerLayoutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ChecklistProgrammes {\n    programmes { key name nameEn currentVersion { workflow formSchema } }\n  }\n"): typeof import('./graphql').ChecklistProgrammesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RegisterRoles($regionCode: String) {\n    roles(regionCode: $regionCode) { name zh en }\n  }\n"): typeof import('./graphql').RegisterRolesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PublicNotices($regionCode: String, $first: Int, $after: String) {\n    publicNotices(regionCode: $regionCode, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          reference\n          programmeKey\n          programmeName\n          regionCode\n          regionName\n          townshipName\n          stateTitle\n          noticeStart\n          noticeEnd\n          office officePhone officeAddress\n          fields { title value }\n          objectionOpen\n          objectionPending\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): typeof import('./graphql').PublicNoticesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RaiseObjection($reference: String!, $reason: String!, $contact: String) {\n    raiseObjection(reference: $reference, reason: $reason, contact: $contact) { id reference status createdAt receipt }\n  }\n"): typeof import('./graphql').RaiseObjectionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ObjectionStatus($receipt: String!) {\n    objectionStatus(receipt: $receipt) { receipt reference status createdAt resolvedAt dismissalReason }\n  }\n"): typeof import('./graphql').ObjectionStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnreadNotificationCount {\n    unreadNotificationCount\n  }\n"): typeof import('./graphql').UnreadNotificationCountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Notifications($first: Int!, $after: String) {\n    notifications(first: $first, after: $after) {\n      nodes { id kind title titleEn applicationId importJobId reference createdAt readAt }\n      pageInfo { hasNextPage endCursor }\n    }\n    unreadNotificationCount\n  }\n"): typeof import('./graphql').NotificationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNotificationsRead($ids: [ID!], $all: Boolean) {\n    markNotificationsRead(ids: $ids, all: $all)\n  }\n"): typeof import('./graphql').MarkNotificationsReadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Webhooks {\n    webhooks { id regionCode name url eventKinds active secretHint createdAt }\n  }\n"): typeof import('./graphql').WebhooksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWebhook($regionCode: String!, $input: WebhookInput!) {\n    createWebhook(regionCode: $regionCode, input: $input) { id }\n  }\n"): typeof import('./graphql').CreateWebhookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateWebhook($id: ID!, $input: WebhookInput!) {\n    updateWebhook(id: $id, input: $input) { id }\n  }\n"): typeof import('./graphql').UpdateWebhookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteWebhook($id: ID!) {\n    deleteWebhook(id: $id)\n  }\n"): typeof import('./graphql').DeleteWebhookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookDeliveries($id: ID!, $first: Int!, $after: String) {\n    webhookDeliveries(webhookId: $id, first: $first, after: $after) {\n      nodes { id reference kind status attempts nextAttemptAt lastAttemptAt lastStatus lastError deliveredAt createdAt }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): typeof import('./graphql').WebhookDeliveriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RedeliverWebhook($id: ID!) {\n    redeliverWebhook(id: $id) { id status }\n  }\n"): typeof import('./graphql').RedeliverWebhookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OfflineCreate($programmeKey: String!, $regionCode: String!, $data: JSON, $idempotencyKey: String) {\n    createApplication(programmeKey: $programmeKey, regionCode: $regionCode, data: $data, idempotencyKey: $idempotencyKey) { id reference version data }\n  }\n"): typeof import('./graphql').OfflineCreateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OfflineSave($id: ID!, $data: JSON!, $expectedVersion: Int!) {\n    saveApplication(id: $id, data: $data, expectedVersion: $expectedVersion) { id reference version data }\n  }\n"): typeof import('./graphql').OfflineSaveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OfflineServerCopy($id: ID!) {\n    application(id: $id) { id reference version data updatedAt }\n  }\n"): typeof import('./graphql').OfflineServerCopyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Programme($key: String!) {\n    programme(key: $key) {\n      id key name nameEn description regionCode status\n      currentVersion { id number status formSchema uiSchema workflow createdAt publishedAt }\n      draft { id number status formSchema uiSchema workflow createdAt publishedAt }\n      versions { id number status formSchema uiSchema workflow createdAt publishedAt }\n    }\n  }\n"): typeof import('./graphql').ProgrammeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveProgrammeDraft($key: String!, $formSchema: JSON!, $uiSchema: JSON, $workflow: JSON!) {\n    saveProgrammeDraft(key: $key, formSchema: $formSchema, uiSchema: $uiSchema, workflow: $workflow) { id number status createdAt }\n  }\n"): typeof import('./graphql').SaveProgrammeDraftDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PublishProgramme($key: String!) {\n    publishProgramme(key: $key) { id number status publishedAt }\n  }\n"): typeof import('./graphql').PublishProgrammeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetireProgramme($key: String!) {\n    retireProgramme(key: $key) { id status }\n  }\n"): typeof import('./graphql').RetireProgrammeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CheckWorkflow($workflow: JSON!) {\n    checkWorkflow(workflow: $workflow) {\n      ok\n      errors { code message messageZh state event }\n      warnings { code message messageZh state event }\n    }\n  }\n"): typeof import('./graphql').CheckWorkflowDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CheckFormSchema($formSchema: JSON!) {\n    checkFormSchema(formSchema: $formSchema) { path message }\n  }\n"): typeof import('./graphql').CheckFormSchemaDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EntryApplications($entryId: ID!) {\n    applications(filter: { entryId: $entryId }, first: 50) {\n      edges { node { id reference status stateTitle stateTitleEn createdAt programme { name nameEn } } }\n    }\n  }\n"): typeof import('./graphql').EntryApplicationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyTasks($programmeKey: String, $state: String, $regionCode: String, $overdue: Boolean, $orderBy: TaskOrder, $first: Int, $after: String) {\n    myTasks(filter: { programmeKey: $programmeKey, state: $state, regionCode: $regionCode, overdue: $overdue }, orderBy: $orderBy, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id reference programmeKey programme { key name nameEn }\n          regionCode region { name }\n          state stateTitle stateTitleEn stateKind status applicantName\n          submittedAt stateEnteredAt updatedAt noticeEndsAt\n          dueAt overdue openReview { occurrence title titleEn }\n          version availableActions { event title titleEn requiresComment }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): typeof import('./graphql').MyTasksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProgrammeSteps($key: String!) {\n    programme(key: $key) { key currentVersion { diagram { nodes { id kind title titleEn } } } }\n  }\n"): typeof import('./graphql').ProgrammeStepsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProgrammeForm($key: String!) {\n    programme(key: $key) { key name nameEn description currentVersion { number formSchema uiSchema workflow } }\n  }\n"): typeof import('./graphql').ProgrammeFormDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EntryForFiling($id: ID!) {\n    registerEntry(id: $id) { id name status regionCode data register { key } }\n  }\n"): typeof import('./graphql').EntryForFilingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Programmes {\n    programmes {\n      canFile\n      id key name nameEn description regionCode status\n      currentVersion { id number publishedAt }\n      draft { id number createdAt }\n    }\n  }\n"): typeof import('./graphql').ProgrammesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DesignRegisters {\n    registers(includeRetired: true) {\n      id key name nameEn regionCode status\n      currentVersion { id number publishedAt }\n      draft { id number createdAt }\n    }\n  }\n"): typeof import('./graphql').DesignRegistersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateRegister($key: String!, $name: String!, $nameEn: String, $regionCode: String!, $description: String) {\n    createRegister(input: { key: $key, name: $name, nameEn: $nameEn, regionCode: $regionCode, description: $description }) { id key }\n  }\n"): typeof import('./graphql').CreateRegisterDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateProgramme($key: String!, $name: String!, $nameEn: String, $regionCode: String!, $description: String) {\n    createProgramme(input: { key: $key, name: $name, nameEn: $nameEn, regionCode: $regionCode, description: $description }) { id key }\n  }\n"): typeof import('./graphql').CreateProgrammeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BoardAddress($regionCode: String!) {\n    publicBoardAddress(regionCode: $regionCode)\n  }\n"): typeof import('./graphql').BoardAddressDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PublicStatus($reference: String!, $idLastFour: String!) {\n    publicStatus(reference: $reference, idLastFour: $idLastFour) {\n      reference programmeName stepTitle stepTitleEn status submittedAt stepSince noticeEndsAt dueAt\n    }\n  }\n"): typeof import('./graphql').PublicStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RegisterDesign($key: String!) {\n    register(key: $key) {\n      id key name nameEn regionCode status\n      currentVersion { ...RegisterVersionDesign }\n      draft { ...RegisterVersionDesign }\n      versions { id number status createdAt publishedAt }\n    }\n  }\n  fragment RegisterVersionDesign on RegisterVersion {\n    id number status schema uiSchema keyFields nameField statusField\n    statuses { value zh en color }\n    changeKinds { key zh en death }\n    headIdField membersField memberIdField memberNameField editingRoles\n    checklist { key title titleEn programme reachedState event attachment }\n  }\n"): typeof import('./graphql').RegisterDesignDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveRegisterDraft($key: String!, $definition: RegisterDefinitionInput!) {\n    saveRegisterDraft(key: $key, definition: $definition) { id number }\n  }\n"): typeof import('./graphql').SaveRegisterDraftDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetireRegister($key: String!) {\n    retireRegister(key: $key) { id status }\n  }\n"): typeof import('./graphql').RetireRegisterDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PublishRegister($key: String!) {\n    publishRegister(key: $key) { id number }\n  }\n"): typeof import('./graphql').PublishRegisterDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Reports { reports { id name description regionCode definition updatedAt } }\n"): typeof import('./graphql').ReportsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunReport($id: ID, $definition: JSON, $regionCode: String) {\n    runReport(id: $id, definition: $definition, regionCode: $regionCode) {\n      columns { key title titleEn kind dimension level }\n      rows { keys labels values }\n      total regionCode scopeRegions { code name level } scopeLabel scopeLabelEn periodLabel periodLabelEn usedRollup\n    }\n  }\n"): typeof import('./graphql').RunReportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveReport($input: SaveReportInput!) { saveReport(input: $input) { id name } }\n"): typeof import('./graphql').SaveReportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteReport($id: ID!) { deleteReport(id: $id) }\n"): typeof import('./graphql').DeleteReportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportForm($key: String!) { programme(key: $key) { key currentVersion { formSchema } } }\n"): typeof import('./graphql').ReportFormDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportRegister($key: String!) { register(key: $key) { key currentVersion { schema } } }\n"): typeof import('./graphql').ReportRegisterDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminUsers($regionCode: String, $search: String, $first: Int!, $after: String) {\n    users(regionCode: $regionCode, search: $search, first: $first, after: $after) {\n      totalCount\n      edges { node { id username displayName active regionCode roles { role roleTitle roleTitleEn roleRegionCode regionCode } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): typeof import('./graphql').AdminUsersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminRoles($regionCode: String, $includeBelow: Boolean!, $includeRetired: Boolean!) {\n    roles(regionCode: $regionCode, includeBelow: $includeBelow, includeRetired: $includeRetired) { id name zh en builtIn regionCode retired readScope }\n  }\n"): typeof import('./graphql').AdminRolesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCreateUser($input: CreateUserInput!) { createUser(input: $input) { id username } }\n"): typeof import('./graphql').AdminCreateUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCreateUsers($rows: [NewUserRow!]!) {\n    createUsers(rows: $rows) { initialPassword user { username displayName regionCode roles { role roleTitle roleTitleEn regionCode } } }\n  }\n"): typeof import('./graphql').AdminCreateUsersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminDisableUser($username: String!) { disableUser(username: $username) { id active } }\n"): typeof import('./graphql').AdminDisableUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminEnableUser($username: String!) { enableUser(username: $username) { id active } }\n"): typeof import('./graphql').AdminEnableUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminResetPassword($username: String!, $password: String!) { resetPassword(username: $username, password: $password) { id } }\n"): typeof import('./graphql').AdminResetPasswordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminGrantRole($username: String!, $role: String!, $regionCode: String!) { grantRole(username: $username, role: $role, regionCode: $regionCode) { role regionCode } }\n"): typeof import('./graphql').AdminGrantRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminRevokeRole($username: String!, $role: String!, $regionCode: String!) { revokeRole(username: $username, role: $role, regionCode: $regionCode) }\n"): typeof import('./graphql').AdminRevokeRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminDefineRole($input: RoleInput!) { defineRole(input: $input) { id name } }\n"): typeof import('./graphql').AdminDefineRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminUpdateRole($input: RoleInput!) { updateRole(input: $input) { id name } }\n"): typeof import('./graphql').AdminUpdateRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminRetireRole($name: String!, $regionCode: String!) { retireRole(name: $name, regionCode: $regionCode) { id retired } }\n"): typeof import('./graphql').AdminRetireRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApplicationFull on Application {\n    id reference programmeKey\n    programme { key name nameEn }\n    programmeVersion {\n      number formSchema uiSchema\n      diagram { nodes { id kind title titleEn } edges { from to event title titleEn timer } }\n    }\n    regionCode region { name }\n    entry { id name status }\n    data state stateTitle stateTitleEn stateKind status version applicantName\n    createdAt updatedAt submittedAt stateEnteredAt noticeEndsAt openObjections\n    dueAt overdue openReview { occurrence title titleEn }\n    editableFields\n    availableActions { event title titleEn requiresComment }\n    blockedActions { event reason reasonEn paths }\n    quorum { event title titleEn needed votes voters { name role decision at } }\n    history { id at actorName role regionCode event eventTitle eventTitleEn fromState toState fromTitle toTitle comment changedFields occurrence }\n    objections { id reason contact status outcomeComment createdAt }\n  }\n"): typeof import('./graphql').ApplicationFullFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Application($id: ID!) {\n    application(id: $id) { ...ApplicationFull }\n  }\n"): typeof import('./graphql').ApplicationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApplication($programmeKey: String!, $regionCode: String!, $data: JSON, $idempotencyKey: String, $entryId: ID) {\n    createApplication(programmeKey: $programmeKey, regionCode: $regionCode, data: $data, idempotencyKey: $idempotencyKey, entryId: $entryId) { ...ApplicationFull }\n  }\n"): typeof import('./graphql').CreateApplicationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveApplication($id: ID!, $data: JSON!, $expectedVersion: Int!) {\n    saveApplication(id: $id, data: $data, expectedVersion: $expectedVersion) { ...ApplicationFull }\n  }\n"): typeof import('./graphql').SaveApplicationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitApplication($id: ID!, $expectedVersion: Int!) {\n    submitApplication(id: $id, expectedVersion: $expectedVersion) { ...ApplicationFull }\n  }\n"): typeof import('./graphql').SubmitApplicationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TransitionApplication($id: ID!, $event: String!, $comment: String, $data: JSON, $expectedVersion: Int!) {\n    transitionApplication(id: $id, event: $event, comment: $comment, data: $data, expectedVersion: $expectedVersion) { ...ApplicationFull }\n  }\n"): typeof import('./graphql').TransitionApplicationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResolveObjection($id: ID!, $outcome: String!, $comment: String!) {\n    resolveObjection(id: $id, outcome: $outcome, comment: $comment) { id status }\n  }\n"): typeof import('./graphql').ResolveObjectionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApplicationList(\n    $search: String, $programmeKey: String, $status: String, $state: String, $regionCode: String,\n    $submittedFrom: DateTime, $submittedTo: DateTime, $first: Int!, $after: String\n  ) {\n    applications(\n      filter: { search: $search, programmeKey: $programmeKey, status: $status, state: $state, regionCode: $regionCode, submittedFrom: $submittedFrom, submittedTo: $submittedTo }\n      first: $first\n      after: $after\n    ) {\n      totalCount\n      edges {\n        node {\n          id reference programmeKey programme { key name nameEn }\n          regionCode region { name }\n          state stateTitle stateTitleEn stateKind status applicantName\n          submittedAt updatedAt\n          version availableActions { event title titleEn requiresComment }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): typeof import('./graphql').ApplicationListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImportTargets {\n    programmes { key name nameEn status currentVersion { number } }\n    registers { key name nameEn status currentVersion { number } }\n  }\n"): typeof import('./graphql').ImportTargetsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImportJob($id: ID!, $first: Int!, $after: String) {\n    importJob(id: $id) {\n      id targetKind targetKey fileName status mode totalRows validatedRows validRows linkedRows errorRows problemCount writtenRows skippedRows\n      progressDone progressTotal etaSeconds message messageZh markedFileUrl cancelRequested submit submitAllowed\n      problems(first: $first, after: $after) { nodes { row sheet line column message messageEn } pageInfo { hasNextPage endCursor } }\n    }\n  }\n"): typeof import('./graphql').ImportJobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CommitImport($id: ID!, $mode: ImportCommitMode!, $submit: Boolean!) {\n    commitImport(id: $id, mode: $mode, submit: $submit) { id status }\n  }\n"): typeof import('./graphql').CommitImportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelImport($id: ID!) {\n    cancelImport(id: $id) { id status }\n  }\n"): typeof import('./graphql').CancelImportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QualityFindings($filter: QualityFindingFilter, $first: Int!, $after: String) {\n    qualityFindings(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node {\n        id checkKey ruleKey recordKind recordKey recordLabel sourceKey regionCode severity messageZh messageEn fields detail\n        status comment dismissedAt firstSeenAt lastSeenAt fixedAt\n      } }\n    }\n  }\n"): typeof import('./graphql').QualityFindingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QualitySummary($regionCode: String) {\n    qualitySummary(regionCode: $regionCode) { regionCode checkKey ruleKey severity messageZh messageEn open dismissed }\n  }\n"): typeof import('./graphql').QualitySummaryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DismissQualityFinding($id: ID!, $comment: String!) {\n    dismissQualityFinding(id: $id, comment: $comment) { id status comment }\n  }\n"): typeof import('./graphql').DismissQualityFindingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunQualityRules($regionCode: String!) {\n    runQualityRules(regionCode: $regionCode) { id recordsChecked findingsOpened findingsClosed truncated }\n  }\n"): typeof import('./graphql').RunQualityRulesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QualityRules {\n    qualityRules { id key kind target sourceKey regionCode logic aggregate severity messageZh messageEn fields updatedAt }\n    qualitySchedules { regionCode cron enabled nextRunAt }\n    programmes { key name nameEn currentVersion { number } }\n    registers { key name nameEn currentVersion { number } }\n  }\n"): typeof import('./graphql').QualityRulesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DefineQualityRule($input: QualityRuleInput!) {\n    defineQualityRule(input: $input) { id key }\n  }\n"): typeof import('./graphql').DefineQualityRuleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateQualityRule($id: ID!, $input: QualityRuleInput!) {\n    updateQualityRule(id: $id, input: $input) { id key }\n  }\n"): typeof import('./graphql').UpdateQualityRuleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetireQualityRule($id: ID!) {\n    retireQualityRule(id: $id) { id retiredAt }\n  }\n"): typeof import('./graphql').RetireQualityRuleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PreviewQualityRule($regionCode: String!, $input: QualityRuleInput!) {\n    previewQualityRule(regionCode: $regionCode, input: $input) { checked failing errors hits { recordKey label regionCode detail } }\n  }\n"): typeof import('./graphql').PreviewQualityRuleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetQualitySchedule($regionCode: String!, $cron: String!, $enabled: Boolean!) {\n    setQualitySchedule(regionCode: $regionCode, cron: $cron, enabled: $enabled) { regionCode cron enabled nextRunAt }\n  }\n"): typeof import('./graphql').SetQualityScheduleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Registers {\n    registers {\n      id key name nameEn regionCode status canReadEntries\n      currentVersion {\n        id number statusField\n        statuses { value zh en color }\n        changeKinds { key zh en }\n        filterFields { path title values many }\n        checklist { key }\n      }\n    }\n  }\n"): typeof import('./graphql').RegistersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RegisterEntryList(\n    $registerKey: String!, $regionCode: String, $status: String, $search: String, $fields: [RegisterFieldFilter!],\n    $incomplete: Boolean, $first: Int!, $after: String\n  ) {\n    registerEntries(\n      filter: { registerKey: $registerKey, regionCode: $regionCode, status: $status, search: $search, fields: $fields, incomplete: $incomplete }\n      first: $first\n      after: $after\n    ) {\n      totalCount\n      edges {\n        node {\n          id key name status statusTitle statusTitleEn statusColor regionCode region { name } updatedAt version\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): typeof import('./graphql').RegisterEntryListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RegisterEntryFull on RegisterEntry {\n    id key name status statusTitle statusTitleEn statusColor regionCode region { name } data version canEdit createdAt updatedAt\n    register {\n      key name nameEn status\n      currentVersion {\n        id number schema uiSchema statusField membersField memberIdField memberNameField\n        statuses { value zh en color }\n        changeKinds { key zh en }\n      }\n    }\n    persons { idNumber role name pointer }\n    checklist { key title titleEn programme done applicationReference }\n    changes(last: 30) {\n      id seq at actorName role regionCode kind kindTitle kindTitleEn comment applicationReference sourceFile\n      changes { path before after }\n    }\n  }\n"): typeof import('./graphql').RegisterEntryFullFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RegisterEntry($id: ID!) {\n    registerEntry(id: $id) { ...RegisterEntryFull }\n  }\n"): typeof import('./graphql').RegisterEntryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateRegisterEntry($id: ID!, $data: JSON!, $expectedVersion: Int!, $kind: String!, $comment: String, $movePersons: [String!]) {\n    updateRegisterEntry(id: $id, data: $data, expectedVersion: $expectedVersion, kind: $kind, comment: $comment, movePersons: $movePersons) { ...RegisterEntryFull }\n  }\n"): typeof import('./graphql').UpdateRegisterEntryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Regions($parentCode: String) {\n    regions(parentCode: $parentCode) { code name level parentCode }\n  }\n"): typeof import('./graphql').RegionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Region($code: String!) {\n    region(code: $code) { code name level parentCode }\n  }\n"): typeof import('./graphql').RegionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Roles {\n    roles { name zh en }\n  }\n"): typeof import('./graphql').RolesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me { id username displayName roles { role roleTitle regionCode } }\n  }\n"): typeof import('./graphql').MeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      expiresAt\n      user { id username displayName roles { role roleTitle regionCode } }\n    }\n  }\n"): typeof import('./graphql').LoginDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
