import { Migration } from '@mikro-orm/migrations';

/**
 * Server processes keep the signed-in actor (user, grants, read scopes) in memory between
 * requests (users/actor-cache.ts). Whatever changes what an actor is — disabling a user,
 * resetting a password (both bump token_generation), granting or revoking a role, a role's scope,
 * which programmes name a role — notifies channel `actor_changed` on commit, from the database
 * itself, so every process drops the entry whatever wrote the change (API, import, psql).
 * The payload is the user's id, or `*` when the change may concern many users.
 *
 * Also refuse_claim(), with which the one-statement commit of a transition fails when a unique
 * value is taken (applications/commit.ts).
 */
export class Migration021ActorCache extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create function actor_changed_user() returns trigger language plpgsql as $$
      begin
        perform pg_notify('actor_changed', coalesce(new.id, old.id)::text);
        return null;
      end $$;
      create function actor_changed_grant() returns trigger language plpgsql as $$
      begin
        perform pg_notify('actor_changed', coalesce(new.user_id, old.user_id)::text);
        if tg_op = 'UPDATE' and new.user_id <> old.user_id then perform pg_notify('actor_changed', old.user_id::text); end if;
        return null;
      end $$;
      create function actor_changed_all() returns trigger language plpgsql as $$
      begin
        perform pg_notify('actor_changed', '*');
        return null;
      end $$;
      create trigger app_user_actor_changed after update of active, token_generation, username, display_name or delete on app_user
        for each row execute function actor_changed_user();
      create trigger role_grant_actor_changed after insert or update or delete on role_grant
        for each row execute function actor_changed_grant();
      create trigger role_actor_changed after update or delete on role
        for each statement execute function actor_changed_all();
      create trigger programme_role_actor_changed after insert or update or delete on programme_role
        for each statement execute function actor_changed_all();
      create trigger programme_actor_changed after update of key or delete on programme
        for each statement execute function actor_changed_all();

      -- The one-statement commit of a transition (applications/commit.ts) claims x-unique values
      -- in the statement that writes the row: a value another application holds must undo all
      -- of it, so the statement fails here, naming the claim.
      create function refuse_claim(claim text, scope text, value text) returns boolean language plpgsql as $$
      begin
        raise exception 'unique claim refused' using errcode = 'P0001',
          detail = json_build_object('claim', claim, 'scope', scope, 'value', value)::text;
      end $$;
    `);
  }
}
