import { Migration } from '@mikro-orm/migrations';

/** Attachments: metadata here, bytes in the file store (content-addressed by sha256). */
export class Migration005Files extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table attachment (
        id uuid primary key,
        name text not null,
        mime text not null check (mime in ('application/pdf','image/jpeg','image/png')),
        size int not null check (size > 0),
        sha256 char(64) not null,
        region_code varchar(12) not null references region(code),
        region_path text not null,
        uploaded_by uuid not null references app_user(id),
        created_at timestamptz not null default now()
      );
      create index attachment_sha256_index on attachment (sha256);
    `);
  }
}
