import { Entity, PrimaryKey, Property, type Opt } from '@mikro-orm/core';

/** An uploaded file. Readable by the uploader and by staff who may read its programme's cases in its region. */
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

  /** The programme it was uploaded for: decides who of a programme-limited role may read it. */
  @Property({ type: 'string', nullable: true })
  programmeKey?: string | null;

  @Property({ type: 'uuid' })
  uploadedBy!: string;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();
}
