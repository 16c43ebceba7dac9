import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** Installation-wide values that must be shared by every server process (e.g. the token key). */
@Entity({ tableName: 'app_setting' })
export class Setting {
  @PrimaryKey({ type: 'string' })
  key!: string;

  @Property({ type: 'text' })
  value!: string;
}
