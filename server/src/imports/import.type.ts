import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { PageInfoType } from '../applications/application.type.js';
import type { ImportJob } from './import-job.js';
import { writtenSoFar, type ProblemPage } from './import.service.js';

export enum ImportCommitMode {
  ALL_OR_NOTHING = 'ALL_OR_NOTHING',
  VALID_ROWS = 'VALID_ROWS',
}
registerEnumType(ImportCommitMode, {
  name: 'ImportCommitMode',
  description: 'ALL_OR_NOTHING writes every row in one transaction and only when no row has a problem; VALID_ROWS writes the rows without problems.',
});

@ObjectType('ImportProblem', { description: 'One problem in the uploaded file: where (sheet, line, column) and what.' })
export class ImportProblemType {
  @Field(() => Int, { description: 'The main-sheet line of the record the problem belongs to (negative for member lines naming no record).' }) row!: number;
  @Field(() => String) sheet!: string;
  @Field(() => Int, { description: 'The line in that sheet, as Excel numbers it.' }) line!: number;
  @Field(() => String, { nullable: true, description: 'The column header; null for the whole line.' }) column?: string | null;
  @Field(() => String, { nullable: true, description: 'JSON pointer of the field in the record’s data.' }) pointer?: string | null;
  @Field(() => String, { description: 'Chinese.' }) message!: string;
  @Field(() => String) messageEn!: string;
}

@ObjectType('ImportProblemConnection', { description: 'Problems in line order; a page holds whole records.' })
export class ImportProblemConnectionType {
  @Field(() => [ImportProblemType]) nodes!: ImportProblemType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;

  static from(p: ProblemPage): ImportProblemConnectionType {
    return Object.assign(new ImportProblemConnectionType(), {
      nodes: p.items.map((x) => Object.assign(new ImportProblemType(), x)),
      pageInfo: Object.assign(new PageInfoType(), { hasNextPage: p.hasNextPage, endCursor: p.endCursor }),
    });
  }
}

@ObjectType('ImportJob', { description: 'A spreadsheet import: its file, where it stands, and its counts (docs/import-export.md).' })
export class ImportJobType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'programme | register' }) targetKind!: string;
  @Field(() => String) targetKey!: string;
  @Field(() => ID, { description: 'The programme or register version the rows are validated with.' }) versionId!: string;
  @Field(() => String) regionCode!: string;
  @Field(() => String) fileName!: string;
  @Field(() => Int) fileSize!: number;
  @Field(() => String, { description: 'xlsx | csv' }) fileType!: string;
  @Field(() => String, { nullable: true }) clientImportId?: string | null;
  @Field(() => String, { description: 'QUEUED, VALIDATING, VALIDATED, COMMITTING, COMMITTED, FAILED or CANCELLED.' }) status!: string;
  @Field(() => ImportCommitMode, { nullable: true }) mode?: ImportCommitMode | null;
  @Field(() => Boolean, { description: 'The commit also submits each imported case.' }) submit!: boolean;
  @Field(() => Boolean) cancelRequested!: boolean;
  @Field(() => Int, { description: 'Records in the file (main-sheet lines); while reading, lines read so far.' }) totalRows!: number;
  @Field(() => Int) validatedRows!: number;
  @Field(() => Int) validRows!: number;
  @Field(() => Int, { description: 'Valid rows of a programme linked to a register that belong to one of its households (their cases join the household file), as checked.' }) linkedRows!: number;
  @Field(() => Int) errorRows!: number;
  @Field(() => Int) problemCount!: number;
  @Field(() => Int, { description: 'Records written by the commit (new or changed).' }) writtenRows!: number;
  @Field(() => Int, { description: 'Records found already written (the same file imported before; an entry with the same data).' }) skippedRows!: number;
  @Field(() => Int, { description: 'Work done in the current stage, for a progress bar: rows validated, then rows written.' }) progressDone!: number;
  @Field(() => Int, { description: 'Work of the current stage in all.' }) progressTotal!: number;
  @Field(() => Int, { nullable: true, description: 'Seconds left in the current stage, estimated from its rate so far.' }) etaSeconds?: number | null;
  @Field(() => String, { nullable: true }) message?: string | null;
  @Field(() => String, { nullable: true }) messageZh?: string | null;
  @Field(() => GraphQLDateTime) createdAt!: Date;
  @Field(() => GraphQLDateTime) updatedAt!: Date;
  @Field(() => GraphQLDateTime, { nullable: true }) validatedAt?: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true }) finishedAt?: Date | null;
  @Field(() => String, { description: 'GET this path (with the Bearer token) for the upload with bad cells marked.' }) markedFileUrl!: string;
  job!: ImportJob;

  static from(j: ImportJob, now = new Date()): ImportJobType {
    const committing = j.status === 'committing' || j.status === 'committed';
    const done = committing ? writtenSoFar(j) : j.validatedRows;
    const total = committing ? j.validRows : j.totalRows;
    const since = committing ? j.commitStartedAt : j.startedAt;
    const elapsed = since ? (now.getTime() - since.getTime()) / 1000 : 0;
    const running = j.status === 'validating' || j.status === 'committing';
    const eta = running && done > 0 && total > done && elapsed > 0 ? Math.ceil(((total - done) * elapsed) / done) : running ? null : 0;
    return Object.assign(new ImportJobType(), {
      id: j.id, targetKind: j.targetKind, targetKey: j.targetKey, versionId: j.versionId, regionCode: j.regionCode, fileName: j.fileName,
      fileSize: j.fileSize, fileType: j.fileType, clientImportId: j.clientImportId, status: j.status.toUpperCase(), mode: j.mode as ImportCommitMode | null, submit: j.submit,
      cancelRequested: j.cancelRequested, totalRows: j.totalRows, validatedRows: j.validatedRows, validRows: j.validRows, linkedRows: j.linkedRows, errorRows: j.errorRows,
      problemCount: j.problemCount, writtenRows: Math.max(j.writtenRows, committing ? writtenSoFar(j) - j.skippedRows : 0), skippedRows: j.skippedRows,
      progressDone: Math.min(done, total), progressTotal: total, etaSeconds: eta,
      message: j.message, messageZh: j.messageZh, createdAt: j.createdAt, updatedAt: j.updatedAt, validatedAt: j.validatedAt, finishedAt: j.finishedAt,
      markedFileUrl: `/imports/${j.id}/marked`, job: j,
    });
  }
}

@ObjectType('ImportJobEdge')
export class ImportJobEdgeType {
  @Field(() => String) cursor!: string;
  @Field(() => ImportJobType) node!: ImportJobType;
}

@ObjectType('ImportJobConnection')
export class ImportJobConnectionType {
  @Field(() => [ImportJobEdgeType]) edges!: ImportJobEdgeType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
}
