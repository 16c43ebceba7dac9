import { Migration } from '@mikro-orm/migrations';

/**
 * Reports as data and the roll-up behind the common ones (docs/reports.md).
 *
 * `report_definition` holds a county's saved reports (measures, dimensions, filters, period as JSON,
 * checked by reports/report-definition.ts before it is stored).
 *
 * `application_rollup` counts applications by programme × region (the case's own path, usually a
 * village) × workflow state × status × month of submission (UTC+8; null for drafts). Statement-level
 * triggers on `application` keep it exact inside the writing transaction, whichever path writes
 * (GraphQL, imports, bulk actions, raw SQL): each statement adds its new rows and subtracts its old
 * rows, grouped, in one upsert. The upsert's rows are taken in key order, so two transactions
 * moving cases in opposite directions lock the same roll-up rows in the same order (no deadlock).
 * Transition tables cannot be combined with `UPDATE OF <columns>`, so the update trigger fires on
 * every update and skips, in SQL, the rows whose counted columns did not change.
 * TRUNCATE is not followed: recount with `select report_rollup_recount()`.
 */
export class Migration017Reports extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table report_definition (
        id uuid primary key,
        name text not null,
        description text null,
        region_code varchar(12) not null references region(code),
        region_path text not null,
        definition jsonb not null,
        created_by uuid null references app_user(id),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create index report_definition_region_index on report_definition (region_path text_pattern_ops, name);

      create table application_rollup (
        programme_key text not null,
        region_path text not null,
        state text not null,
        status text not null,
        submitted_month date null,
        n bigint not null
      );
      create unique index application_rollup_key on application_rollup
        (programme_key, region_path, state, status, submitted_month) nulls not distinct;
      -- Reports read one programme's rows under a region path prefix (a county, township or village).
      create index application_rollup_region_index on application_rollup (programme_key, region_path text_pattern_ops);

      create function report_month(t timestamptz) returns date language sql immutable as $$
        select date_trunc('month', (t at time zone 'UTC') + interval '8 hours')::date
      $$;

      create function application_rollup_insert() returns trigger language plpgsql as $$
      begin
        insert into application_rollup as r (programme_key, region_path, state, status, submitted_month, n)
          select programme_key, region_path, state, status, report_month(submitted_at), count(*)
          from new_rows group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5
        on conflict (programme_key, region_path, state, status, submitted_month) do update set n = r.n + excluded.n;
        return null;
      end $$;

      create function application_rollup_delete() returns trigger language plpgsql as $$
      begin
        insert into application_rollup as r (programme_key, region_path, state, status, submitted_month, n)
          select programme_key, region_path, state, status, report_month(submitted_at), -count(*)
          from old_rows group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5
        on conflict (programme_key, region_path, state, status, submitted_month) do update set n = r.n + excluded.n;
        return null;
      end $$;

      create function application_rollup_update() returns trigger language plpgsql as $$
      begin
        insert into application_rollup as r (programme_key, region_path, state, status, submitted_month, n)
          select k.programme_key, k.region_path, k.state, k.status, k.submitted_month, sum(k.d)
          from (
            select o.programme_key, o.region_path, o.state, o.status, report_month(o.submitted_at) as submitted_month, -1 as d
              from old_rows o join new_rows n on n.id = o.id
              where (o.programme_key, o.region_path, o.state, o.status, report_month(o.submitted_at))
                is distinct from (n.programme_key, n.region_path, n.state, n.status, report_month(n.submitted_at))
            union all
            select n.programme_key, n.region_path, n.state, n.status, report_month(n.submitted_at), 1
              from old_rows o join new_rows n on n.id = o.id
              where (o.programme_key, o.region_path, o.state, o.status, report_month(o.submitted_at))
                is distinct from (n.programme_key, n.region_path, n.state, n.status, report_month(n.submitted_at))
          ) k
          group by 1, 2, 3, 4, 5 having sum(k.d) <> 0 order by 1, 2, 3, 4, 5
        on conflict (programme_key, region_path, state, status, submitted_month) do update set n = r.n + excluded.n;
        return null;
      end $$;

      create trigger application_rollup_insert after insert on application
        referencing new table as new_rows for each statement execute function application_rollup_insert();
      create trigger application_rollup_delete after delete on application
        referencing old table as old_rows for each statement execute function application_rollup_delete();
      create trigger application_rollup_update after update on application
        referencing old table as old_rows new table as new_rows for each statement execute function application_rollup_update();

      -- Rebuilds the roll-up from the applications (after a TRUNCATE, or to check it: docs/reports.md).
      create function report_rollup_recount() returns void language sql as $$
        lock table application in share mode;
        delete from application_rollup;
        insert into application_rollup (programme_key, region_path, state, status, submitted_month, n)
          select programme_key, region_path, state, status, report_month(submitted_at), count(*)
          from application group by 1, 2, 3, 4, 5;
      $$;
      select report_rollup_recount();

      -- Reports by decision or submission time read the application table itself.
      create index application_decided_index on application (programme_key, state_entered_at) where status in ('APPROVED', 'REJECTED');
      -- Changes in a period: the two change logs by time.
      create index application_event_at_index on application_event (at);
      create index register_change_at_index on register_change (at);
    `);
  }
}
