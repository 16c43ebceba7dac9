/** The operations the sync queue sends (sync.ts imports their generated documents): small answers, the queue needs only id, version and data. */
import { graphql } from '../graphql';

export const OfflineCreateDocument = graphql(`
  mutation OfflineCreate($programmeKey: String!, $regionCode: String!, $data: JSON, $idempotencyKey: String) {
    createApplication(programmeKey: $programmeKey, regionCode: $regionCode, data: $data, idempotencyKey: $idempotencyKey) { id reference version data }
  }
`);

export const OfflineSaveDocument = graphql(`
  mutation OfflineSave($id: ID!, $data: JSON!, $expectedVersion: Int!) {
    saveApplication(id: $id, data: $data, expectedVersion: $expectedVersion) { id reference version data }
  }
`);

export const OfflineServerCopyDocument = graphql(`
  query OfflineServerCopy($id: ID!) {
    application(id: $id) { id reference version data updatedAt }
  }
`);
