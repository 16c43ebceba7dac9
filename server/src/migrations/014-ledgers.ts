import { Migration } from '@mikro-orm/migrations';

/**
 * Ledger layouts (台账): a programme's named export layouts, stored as data. One live layout per
 * (programme, name); retiring keeps the row (retired_at) so the name can be defined again.
 */
export class Migration014Ledgers extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table ledger_layout (
        id uuid primary key default gen_random_uuid(),
        programme_id uuid not null references programme(id),
        programme_key text not null,
        name text not null,
        title text not null,
        title_en text null,
        -- [{ "field": "/head/name" | "@reference", "title": "户主姓名" }, …] in column order
        columns jsonb not null,
        created_by uuid null references app_user(id),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        retired_at timestamptz null
      );
      create unique index ledger_layout_live_name on ledger_layout (programme_id, name) where retired_at is null;
    `);
  }
}
