import { Migration } from '@mikro-orm/migrations';

/**
 * Who issues a notice and how to reach them, as data: a county's office, phone and address on its
 * region row, and optionally a programme's own on the programme row (it wins). Printed notices and
 * the public board name them. Also the index behind myTasks' "already voted" filter.
 */
export class Migration019NoticeContact extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table region add column notice_contact jsonb null;
      alter table programme add column notice_contact jsonb null;
      -- A person's own self-transitions (quorum votes): myTasks leaves out the cases they voted on.
      create index application_event_actor_self_index on application_event (actor_id, application_id) where from_state = to_state;
    `);
  }
}
