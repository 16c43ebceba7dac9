import { graphql } from '../graphql';
import type { ApplicationFullFragment } from '../graphql/graphql';

export const ApplicationFullFragmentDoc = graphql(`
  fragment ApplicationFull on Application {
    id reference programmeKey
    programme { key name nameEn }
    programmeVersion {
      number formSchema uiSchema
      diagram { nodes { id kind title titleEn } edges { from to event title titleEn timer } }
    }
    regionCode region { name }
    entry { id name status }
    data state stateTitle stateTitleEn stateKind status version applicantName
    createdAt updatedAt submittedAt stateEnteredAt noticeEndsAt openObjections
    dueAt overdue openReview { occurrence title titleEn }
    editableFields
    availableActions { event title titleEn requiresComment }
    blockedActions { event reason reasonEn paths }
    quorum { event title titleEn needed votes voters { name role decision at } }
    history { id at actorName role regionCode event eventTitle eventTitleEn fromState toState fromTitle toTitle comment changedFields occurrence }
    objections { id reason contact status outcomeComment createdAt }
  }
`);

export const ApplicationDocument = graphql(`
  query Application($id: ID!) {
    application(id: $id) { ...ApplicationFull }
  }
`);

export const CreateApplicationDocument = graphql(`
  mutation CreateApplication($programmeKey: String!, $regionCode: String!, $data: JSON, $idempotencyKey: String, $entryId: ID) {
    createApplication(programmeKey: $programmeKey, regionCode: $regionCode, data: $data, idempotencyKey: $idempotencyKey, entryId: $entryId) { ...ApplicationFull }
  }
`);

export const SaveApplicationDocument = graphql(`
  mutation SaveApplication($id: ID!, $data: JSON!, $expectedVersion: Int!) {
    saveApplication(id: $id, data: $data, expectedVersion: $expectedVersion) { ...ApplicationFull }
  }
`);

export const SubmitApplicationDocument = graphql(`
  mutation SubmitApplication($id: ID!, $expectedVersion: Int!) {
    submitApplication(id: $id, expectedVersion: $expectedVersion) { ...ApplicationFull }
  }
`);

export const TransitionApplicationDocument = graphql(`
  mutation TransitionApplication($id: ID!, $event: String!, $comment: String, $data: JSON, $expectedVersion: Int!) {
    transitionApplication(id: $id, event: $event, comment: $comment, data: $data, expectedVersion: $expectedVersion) { ...ApplicationFull }
  }
`);

export const ResolveObjectionDocument = graphql(`
  mutation ResolveObjection($id: ID!, $outcome: String!, $comment: String!) {
    resolveObjection(id: $id, outcome: $outcome, comment: $comment) { id status }
  }
`);

export type FullApplication = ApplicationFullFragment;
