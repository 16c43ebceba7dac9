import { Migration } from '@mikro-orm/migrations';

/**
 * `x-unique` with scopes and groups. A claim is now (claim, scope, value): `claim` names whose
 * values they are (`p:<programme id>:<field pointer>` for one programme's field, `g:<county
 * code>:<group>` for a county's group of programmes), `scope` the JSON list of the scope fields'
 * values ('' without a scope). The primary key still makes PostgreSQL the judge of two
 * concurrent claims. `programme_id` and `pointer` stay, describing who claimed what.
 * `unique_group` records which programmes' published versions name which group, so a group name
 * used in another county is refused at save and publish.
 */
export class Migration011UniqueScopes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table application_unique add column claim text null, add column scope text not null default '';
      -- The existing claims are x-unique: true claims: per programme and field, without scope.
      update application_unique set claim = 'p:' || programme_id || ':' || pointer;
      alter table application_unique alter column claim set not null;
      alter table application_unique drop constraint application_unique_pkey;
      alter table application_unique add constraint application_unique_pkey primary key (claim, scope, value);

      create table unique_group (
        name text not null,
        programme_id uuid not null references programme(id),
        region_code varchar(12) not null references region(code),
        primary key (name, programme_id)
      );
      create index unique_group_name_index on unique_group (name, region_code);
    `);
  }
}
