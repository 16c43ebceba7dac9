import { Migration } from '@mikro-orm/migrations';

/**
 * Whether each household's file (一户一档) is complete, stored on the entry and kept exact by the
 * database, so `registerEntries(filter: { incomplete: true })` is an index range instead of a walk
 * over households evaluating the checklist (docs/registers.md, "The completeness checklist").
 *
 * - `register_entry.dossier_complete`: every item of the register's current checklist is done
 *   (true when the checklist is empty). Set on insert from the checklist's length (a new entry has
 *   no cases yet).
 * - `register_dossier_complete(register, entry)`: the checklist rule of registers/checklist.ts in SQL:
 *   each item one EXISTS over the entry's cases of the named programme (reachedState, event,
 *   attachment), read from the published version's settings.
 * - Statement-level triggers on `application` (insert, delete; an update that moves a case to
 *   another entry or changes its data) and on `application_event` (insert: a state reached, an event
 *   sent) refresh the entries those rows name, inside the writing statement, whichever path writes
 *   (GraphQL, timers, objections, imports, raw SQL). The refresh locks the entries first (in id
 *   order) and computes afterwards, on a snapshot taken after the lock: a concurrent transaction
 *   that changed another case of the same household has then committed and is seen, so the last
 *   writer always computes from everything.
 * - Publishing a register version whose checklist differs from the previous one recounts that
 *   register's entries.
 * - `register_dossier_recount()` recomputes every entry and returns how many were wrong (none,
 *   unless rows were written with the triggers disabled): the safety net, like report_rollup_recount.
 */
export class Migration023DossierCompleteness extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table register_entry add column dossier_complete boolean not null default false;

      -- A JSON pointer as the text[] path of #>> (RFC 6901 unescaping), as checklist.ts builds it.
      create function register_pointer_path(p text) returns text[] language sql immutable as $$
        select coalesce(array_agg(replace(replace(s, '~1', '/'), '~0', '~') order by n), '{}')
          from unnest(string_to_array(substr(p, 2), '/')) with ordinality as t(s, n)
      $$;

      create function register_dossier_complete(p_register uuid, p_entry uuid) returns boolean language sql stable as $$
        select coalesce(bool_and(exists (
                 select 1 from application a
                  where a.entry_id = p_entry and a.programme_key = i->>'programme'
                    and (i->>'reachedState' is null or exists (select 1 from application_event ev where ev.application_id = a.id and ev.to_state = i->>'reachedState'))
                    and (i->>'event' is null or exists (select 1 from application_event ev where ev.application_id = a.id and ev.event = i->>'event'))
                    and (i->>'attachment' is null or coalesce(a.data #>> register_pointer_path(i->>'attachment'), '') <> ''))), true)
          from register_version v, jsonb_array_elements(coalesce(v.settings->'dossier'->'checklist', '[]'::jsonb)) as i
         where v.register_id = p_register and v.status = 'published'
      $$;

      create function register_dossier_refresh(p_entries uuid[]) returns void language plpgsql as $$
      declare
        e record;
        complete boolean;
      begin
        if p_entries is null or cardinality(p_entries) = 0 then return; end if;
        -- Each household is locked before it is computed, and each computation is a new statement,
        -- so it sees every transaction that changed the household's cases and committed meanwhile.
        for e in select id, register_id, dossier_complete from register_entry where id = any(p_entries) order by id for update loop
          complete := register_dossier_complete(e.register_id, e.id);
          if complete is distinct from e.dossier_complete then
            update register_entry set dossier_complete = complete where id = e.id;
          end if;
        end loop;
      end $$;

      create function register_entry_dossier_initial() returns trigger language plpgsql as $$
      begin
        new.dossier_complete := coalesce((select jsonb_array_length(coalesce(v.settings->'dossier'->'checklist', '[]'::jsonb)) = 0
                                            from register_version v where v.register_id = new.register_id and v.status = 'published'), true);
        return new;
      end $$;
      create trigger register_entry_dossier_initial before insert on register_entry
        for each row execute function register_entry_dossier_initial();

      create function application_dossier_insert() returns trigger language plpgsql as $$
      begin
        perform register_dossier_refresh(array(select distinct entry_id from new_rows where entry_id is not null));
        return null;
      end $$;
      create function application_dossier_delete() returns trigger language plpgsql as $$
      begin
        perform register_dossier_refresh(array(select distinct entry_id from old_rows where entry_id is not null));
        return null;
      end $$;
      create function application_dossier_update() returns trigger language plpgsql as $$
      begin
        perform register_dossier_refresh(array(
          select distinct x.entry_id from old_rows o join new_rows n on n.id = o.id
                 cross join lateral (values (o.entry_id), (n.entry_id)) as x(entry_id)
           where x.entry_id is not null and (o.entry_id is distinct from n.entry_id or o.data is distinct from n.data)));
        return null;
      end $$;
      create function application_event_dossier() returns trigger language plpgsql as $$
      begin
        perform register_dossier_refresh(array(
          select distinct a.entry_id from (select distinct application_id from new_rows) ev
            join application a on a.id = ev.application_id where a.entry_id is not null));
        return null;
      end $$;
      create trigger application_dossier_insert after insert on application
        referencing new table as new_rows for each statement execute function application_dossier_insert();
      create trigger application_dossier_delete after delete on application
        referencing old table as old_rows for each statement execute function application_dossier_delete();
      create trigger application_dossier_update after update on application
        referencing old table as old_rows new table as new_rows for each statement execute function application_dossier_update();
      create trigger application_event_dossier after insert on application_event
        referencing new table as new_rows for each statement execute function application_event_dossier();

      -- A newly published checklist (a different one from the version it replaces) recounts its register.
      create function register_version_dossier() returns trigger language plpgsql as $$
      declare previous jsonb;
      begin
        select v.settings->'dossier' into previous from register_version v
         where v.register_id = new.register_id and v.id <> new.id and v.status = 'superseded' order by v.number desc limit 1;
        if found and previous is not distinct from new.settings->'dossier' then return null; end if;
        update register_entry e set dossier_complete = c.complete
          from (select id, register_dossier_complete(register_id, id) as complete from register_entry where register_id = new.register_id) c
         where e.id = c.id and e.dossier_complete is distinct from c.complete;
        return null;
      end $$;
      create trigger register_version_dossier after update of status on register_version
        for each row when (new.status = 'published' and old.status is distinct from 'published') execute function register_version_dossier();

      create function register_dossier_recount() returns bigint language plpgsql as $$
      declare changed bigint;
      begin
        update register_entry e set dossier_complete = c.complete
          from (select id, register_dossier_complete(register_id, id) as complete from register_entry) c
         where e.id = c.id and e.dossier_complete is distinct from c.complete;
        get diagnostics changed = row_count;
        return changed;
      end $$;
      select register_dossier_recount();

      -- 档案不全 in list order: any scope, and a village's own incomplete files (the cadre's list).
      create index register_entry_dossier_index on register_entry (register_id, dossier_complete, updated_at desc, id desc);
      create index register_entry_village_incomplete_index on register_entry (register_id, (split_part(region_path, '/', 5)), updated_at desc, id desc)
        where not dossier_complete;
    `);
  }
}
