/** The tag colour of a workflow step's kind (inbox, lists, the case page). */
export const kindColor: Record<string, string> = { draft: 'default', task: 'blue', notice: 'orange', final: 'green' };

/** The tag colour of an application status (the same colours as the inbox's step kinds). */
export function kindColorOfStatus(status: string): string {
  switch (status) {
    case 'IN_REVIEW':
      return 'blue';
    case 'UNDER_NOTICE':
      return 'gold';
    case 'APPROVED':
      return 'green';
    case 'REJECTED':
      return 'red';
    default:
      return 'default';
  }
}
