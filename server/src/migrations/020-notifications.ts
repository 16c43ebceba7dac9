import { Migration } from '@mikro-orm/migrations';

/**
 * Outbound webhooks and the in-app notification centre (docs/notifications.md).
 *
 * Both are filled by triggers, in the transaction of the change that causes them: an
 * application's history row (every write path inserts one, including raw-SQL batches), a new
 * objection, an import job reaching an end state. A webhook row therefore exists exactly when its
 * change committed (a transactional outbox), and nothing in the write path has to remember it.
 * Delivery happens later, outside the transaction, so a receiver that is down never blocks or
 * rolls back a transition. A last trigger tells the public board's cache which region changed.
 */
export class Migration020Notifications extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table webhook_subscription (
        id uuid primary key,
        region_code varchar(12) not null references region(code),
        region_path text not null,
        name text not null check (char_length(name) between 1 and 100),
        url text not null check (char_length(url) <= 2000),
        secret text not null,
        -- '*' (every history event), a workflow event name (SUBMIT, APPROVE, …) or 'status:<STATUS>'.
        event_kinds text[] not null,
        active boolean not null default true,
        created_by uuid null references app_user(id),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create index webhook_subscription_region_index on webhook_subscription (region_path text_pattern_ops, created_at);

      create table webhook_outbox (
        id bigserial primary key,
        subscription_id uuid not null references webhook_subscription(id) on delete cascade,
        application_id uuid not null references application(id),
        event_id bigint not null,
        kind text not null,
        payload jsonb not null,
        status text not null default 'pending' check (status in ('pending','delivered','failed')),
        attempts int not null default 0,
        next_attempt_at timestamptz not null default now(),
        -- The worker delivering this row, until when: only the oldest pending row of a
        -- (subscription, application) pair is ever leased, which keeps one case's events in order.
        lease_until timestamptz null,
        last_attempt_at timestamptz null,
        last_status int null,
        last_error text null,
        delivered_at timestamptz null,
        created_at timestamptz not null default now()
      );
      create index webhook_outbox_pair_index on webhook_outbox (subscription_id, application_id, id) where status = 'pending';
      create index webhook_outbox_due_index on webhook_outbox (next_attempt_at) where status = 'pending';
      create index webhook_outbox_log_index on webhook_outbox (subscription_id, id desc);

      create function webhook_outbox_enqueue() returns trigger language plpgsql as $$
      declare a record;
      begin
        -- The common case (no county subscribes) costs one probe of a tiny table.
        if not exists (select 1 from webhook_subscription where active) then return null; end if;
        select id, reference, programme_key, region_code, region_path, state, status, version into a
          from application where id = new.application_id;
        insert into webhook_outbox (subscription_id, application_id, event_id, kind, payload)
        select s.id, a.id, new.id, new.event, jsonb_build_object(
            'kind', new.event,
            'occurredAt', to_char(new.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            'application', jsonb_build_object('id', a.id, 'reference', a.reference, 'programmeKey', a.programme_key,
              'regionCode', a.region_code, 'state', a.state, 'status', a.status, 'version', a.version),
            'event', jsonb_build_object('seq', new.seq, 'event', new.event, 'fromState', new.from_state, 'toState', new.to_state,
              'actorName', new.actor_name, 'role', new.role, 'comment', new.comment))
          from webhook_subscription s
         where s.active and a.region_path like s.region_path || '%'
           and s.event_kinds && array['*', new.event, 'status:' || a.status];
        return null;
      end $$;
      create trigger application_event_webhooks after insert on application_event
        for each row execute function webhook_outbox_enqueue();

      create table notification (
        id bigserial primary key,
        user_id uuid not null references app_user(id) on delete cascade,
        kind text not null check (kind in ('TASK_NEW','CASE_RETURNED','CASE_REJECTED','OBJECTION_RAISED','TASK_DUE_SOON','TASK_OVERDUE','IMPORT_FINISHED')),
        application_id uuid null references application(id),
        import_job_id uuid null,
        reference text null,
        programme_key text null,
        state text null,
        -- The region of the case (or import): the list shows only what the user's grants still cover.
        region_path text null,
        -- Due-date reminders are sent once per user, case visit and kind.
        dedupe_key text null,
        created_at timestamptz not null default now(),
        read_at timestamptz null
      );
      create index notification_user_index on notification (user_id, id desc);
      create index notification_unread_index on notification (user_id, id desc) where read_at is null;
      create unique index notification_dedupe_index on notification (user_id, dedupe_key) where dedupe_key is not null;

      -- "130000000000/130600000000/…/self/" → every ancestor's path, itself included.
      create function region_path_prefixes(p text) returns text[] language sql immutable as $$
        select coalesce(array_agg(left(p, i) order by i), '{}') from generate_series(1, length(p)) i where substr(p, i, 1) = '/'
      $$;

      create function notify_on_history() returns trigger language plpgsql as $$
      declare a record;
      begin
        if new.from_state is not distinct from new.to_state then return null; end if;
        select id, reference, programme_key, region_path, state, status, actor_roles, created_by into a
          from application where id = new.application_id;
        if a.status = 'IN_REVIEW' and cardinality(a.actor_roles) > 0 then
          -- Everyone who may act on the case now, found through the (role, region_path) index.
          insert into notification (user_id, kind, application_id, reference, programme_key, state, region_path)
          select distinct g.user_id, 'TASK_NEW', a.id, a.reference, a.programme_key, a.state, a.region_path
            from role_grant g join app_user u on u.id = g.user_id and u.active
           where g.role = any(a.actor_roles) and g.region_path = any(region_path_prefixes(a.region_path))
             and g.user_id is distinct from new.actor_id;
        elsif (a.status = 'DRAFT' and new.seq > 1) or a.status = 'REJECTED' then
          if a.created_by is distinct from new.actor_id then
            insert into notification (user_id, kind, application_id, reference, programme_key, state, region_path)
            values (a.created_by, case a.status when 'DRAFT' then 'CASE_RETURNED' else 'CASE_REJECTED' end, a.id, a.reference, a.programme_key, a.state, a.region_path);
          end if;
        end if;
        return null;
      end $$;
      create trigger application_event_notifications after insert on application_event
        for each row execute function notify_on_history();

      create function notify_on_objection() returns trigger language plpgsql as $$
      begin
        -- Everyone who acted on the case (staff only: the public and timers have no user id).
        insert into notification (user_id, kind, application_id, reference, programme_key, state, region_path)
        select distinct e.actor_id, 'OBJECTION_RAISED', a.id, a.reference, a.programme_key, a.state, a.region_path
          from application_event e join application a on a.id = e.application_id
         where e.application_id = new.application_id and e.actor_id is not null;
        return null;
      end $$;
      create trigger objection_notifications after insert on objection
        for each row execute function notify_on_objection();

      create function notify_on_import() returns trigger language plpgsql as $$
      begin
        insert into notification (user_id, kind, import_job_id, state, region_path)
        values (new.owner_id, 'IMPORT_FINISHED', new.id, new.status, new.region_path);
        return null;
      end $$;
      create trigger import_job_notifications after update of status on import_job
        for each row when (old.status is distinct from new.status and new.status in ('validated','committed','failed','cancelled'))
        execute function notify_on_import();

      -- The public board's cache (notices/board-cache.ts) drops a region's pages when a case
      -- enters, leaves or changes under notice; NOTIFY is delivered when the transaction commits.
      create function public_board_changed() returns trigger language plpgsql as $$
      begin
        perform pg_notify('public_board', new.region_path);
        return null;
      end $$;
      create trigger application_public_board after insert or update on application
        for each row when (new.status = 'UNDER_NOTICE') execute function public_board_changed();
      create trigger application_public_board_left after update on application
        for each row when (old.status = 'UNDER_NOTICE' and new.status <> 'UNDER_NOTICE') execute function public_board_changed();
    `);
  }
}
