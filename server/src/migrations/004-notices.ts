import { Migration } from '@mikro-orm/migrations';

/** Objections (异议) raised by the public against cases under notice, and their resolution by staff. */
export class Migration004Notices extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table objection (
        id uuid primary key,
        application_id uuid not null references application(id),
        reference text not null,
        state text not null,
        reason text not null check (char_length(reason) between 1 and 1000),
        contact text null check (contact is null or char_length(contact) <= 100),
        status text not null default 'open' check (status in ('open','upheld','dismissed')),
        outcome_comment text null,
        resolved_by uuid null references app_user(id),
        resolved_at timestamptz null,
        created_at timestamptz not null default now(),
        client_ip_hash text not null,
        -- A resolved objection names who resolved it and when; an open one does neither.
        constraint objection_resolution_check check ((status = 'open') = (resolved_at is null) and (resolved_at is null) = (resolved_by is null))
      );
      create index objection_application_index on objection (application_id, created_at);
      -- Staff work lists: open objections, oldest first.
      create index objection_open_index on objection (created_at) where status = 'open';
    `);
  }
}
