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
