import { Migration } from '@mikro-orm/migrations';

/**
 * Current counts without the month (docs/reports.md, docs/benchmarks.md "Reports at 1,000,000").
 *
 * `application_rollup` (migration 017) keeps programme × region × state × status × month of
 * submission. Over several years that is nearly one row per closed case in a village and month:
 * at 1,000,000 applications a county's report by village × state read hundreds of thousands of
 * roll-up rows. Most reports ask for the counts as they stand, with no period: they need no month.
 * `application_rollup_now` keeps programme × region × state × status only (a few rows per village
 * and programme), maintained by the same statement-level triggers in the same transaction, so both
 * are exact at every commit. Each trigger writes the monthly roll-up first and this one second,
 * each in key order, so concurrent writers take the rows in one order (no deadlock).
 * `report_rollup_recount()` rebuilds both.
 */
export class Migration029RollupNow extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table application_rollup_now (
        programme_key text not null,
        region_path text not null,
        state text not null,
        status text not null,
        n bigint not null,
        primary key (programme_key, region_path, state, status)
      );
      -- The primary key's text ordering cannot serve LIKE prefixes under a non-C collation.
      create index application_rollup_now_region_index on application_rollup_now (programme_key, region_path text_pattern_ops);

      create or replace function application_rollup_insert() returns trigger language plpgsql as $$
      begin
        insert into application_rollup as r (programme_key, region_path, state, status, submitted_month, n)
          select programme_key, region_path, state, status, report_month(submitted_at), count(*)
          from new_rows group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5
        on conflict (programme_key, region_path, state, status, submitted_month) do update set n = r.n + excluded.n;
        insert into application_rollup_now as r (programme_key, region_path, state, status, n)
          select programme_key, region_path, state, status, count(*)
          from new_rows group by 1, 2, 3, 4 order by 1, 2, 3, 4
        on conflict (programme_key, region_path, state, status) do update set n = r.n + excluded.n;
        return null;
      end $$;

      create or replace function application_rollup_delete() returns trigger language plpgsql as $$
      begin
        insert into application_rollup as r (programme_key, region_path, state, status, submitted_month, n)
          select programme_key, region_path, state, status, report_month(submitted_at), -count(*)
          from old_rows group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5
        on conflict (programme_key, region_path, state, status, submitted_month) do update set n = r.n + excluded.n;
        insert into application_rollup_now as r (programme_key, region_path, state, status, n)
          select programme_key, region_path, state, status, -count(*)
          from old_rows group by 1, 2, 3, 4 order by 1, 2, 3, 4
        on conflict (programme_key, region_path, state, status) do update set n = r.n + excluded.n;
        return null;
      end $$;

      create or replace function application_rollup_update() returns trigger language plpgsql as $$
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
        -- A change of the month alone (an edited submission time) leaves the current counts as they are.
        insert into application_rollup_now as r (programme_key, region_path, state, status, n)
          select k.programme_key, k.region_path, k.state, k.status, sum(k.d)
          from (
            select o.programme_key, o.region_path, o.state, o.status, -1 as d
              from old_rows o join new_rows n on n.id = o.id
              where (o.programme_key, o.region_path, o.state, o.status) is distinct from (n.programme_key, n.region_path, n.state, n.status)
            union all
            select n.programme_key, n.region_path, n.state, n.status, 1
              from old_rows o join new_rows n on n.id = o.id
              where (o.programme_key, o.region_path, o.state, o.status) is distinct from (n.programme_key, n.region_path, n.state, n.status)
          ) k
          group by 1, 2, 3, 4 having sum(k.d) <> 0 order by 1, 2, 3, 4
        on conflict (programme_key, region_path, state, status) do update set n = r.n + excluded.n;
        return null;
      end $$;

      -- Rebuilds both roll-ups from the applications (after a TRUNCATE, or to check them: docs/reports.md).
      create or replace function report_rollup_recount() returns void language sql as $$
        lock table application in share mode;
        delete from application_rollup;
        insert into application_rollup (programme_key, region_path, state, status, submitted_month, n)
          select programme_key, region_path, state, status, report_month(submitted_at), count(*)
          from application group by 1, 2, 3, 4, 5;
        delete from application_rollup_now;
        insert into application_rollup_now (programme_key, region_path, state, status, n)
          select programme_key, region_path, state, status, count(*)
          from application group by 1, 2, 3, 4;
      $$;
      select report_rollup_recount();
      analyze application_rollup;
      analyze application_rollup_now;
    `);
  }
}
