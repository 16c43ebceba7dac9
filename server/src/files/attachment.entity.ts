import { Entity, PrimaryKey, Property, type Opt } from '@mikro-orm/core';

/** An uploaded file. Readable by the uploader and by staff whose grants cover its region. */
@Entity({ tableName: 'attachment' })
export class Attachment {
  @PrimaryKey({ type: 'uuid' })
  id: string = crypto.randomUUID();

  @Property({ type: 'string' })
  name!: string;

  @Property({ type: 'string' })
  mime!: string;

  @Property({ type: 'integer' })
  size!: number;

  @Property({ type: 'string' })
  sha256!: string;

  @Property({ type: 'string', length: 12 })
  regionCode!: string;

  @Property({ type: 'string' })
  regionPath!: string;

  @Property({ type: 'uuid' })
  uploadedBy!: string;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();
}
