/** The public notice queries, shared by the board and the printable notice. */
import { graphql } from './graphql';
import type { PublicNoticesQuery } from './graphql/graphql';

export const PublicNoticesDocument = graphql(`
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
          office officePhone officeAddress
          fields { title value }
          objectionOpen
          objectionPending
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const RaiseObjectionDocument = graphql(`
  mutation RaiseObjection($reference: String!, $reason: String!, $contact: String) {
    raiseObjection(reference: $reference, reason: $reason, contact: $contact) { id reference status createdAt receipt }
  }
`);

export const ObjectionStatusDocument = graphql(`
  query ObjectionStatus($receipt: String!) {
    objectionStatus(receipt: $receipt) { receipt reference status createdAt resolvedAt dismissalReason }
  }
`);

export type PublicNotice = PublicNoticesQuery['publicNotices']['edges'][number]['node'];

/** Groups notices by a key, keeping first-seen order. */
export function groupBy<T>(items: readonly T[], key: (t: T) => string): [string, T[]][] {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return [...m.entries()];
}
