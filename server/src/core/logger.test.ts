import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { GraphQLError } from 'graphql';
import { DriverException, UniqueConstraintViolationException } from '@mikro-orm/core';
import { createFormatError } from './format-error.js';
import { redactError } from './logger.js';

const ID = '130636195001010011';

/** What MikroORM throws for a failed insert: the SQL with the bound values is in its message. */
function driverError(): DriverException {
  const pg = Object.assign(new Error(`insert into "application" ("data") values ('{"idNumber":"${ID}"}') - duplicate key value violates unique constraint "application_unique_pkey"`), {
    code: '23505', severity: 'ERROR', detail: `Key (value)=(${ID}) already exists.`, table: 'application_unique', constraint: 'application_unique_pkey',
    where: `JSON data, line 1: {"idNumber":"${ID}"`, routine: '_bt_check_unique',
  });
  return new UniqueConstraintViolationException(pg);
}

describe('log redaction', () => {
  it('keeps code, constraint and table of a database error and drops SQL, values and detail', () => {
    const out = JSON.stringify(redactError(driverError()));
    expect(out).not.toContain(ID);
    expect(out).not.toMatch(/insert into|values/i);
    expect(JSON.parse(out)).toMatchObject({ code: '23505', constraint: 'application_unique_pkey', table: 'application_unique', message: '[database error redacted]' });
  });

  it('redacts a database error wrapped in a GraphQL error, and leaves other errors readable', () => {
    const wrapped = new GraphQLError(driverError().message, { originalError: driverError() });
    expect(JSON.stringify(redactError(wrapped))).not.toContain(ID);
    expect((redactError(new TypeError('x is undefined')) as { message: string }).message).toBe('x is undefined');
  });

  it('is what the logger writes, even for an internal error in development', () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const log = pino({ serializers: { err: redactError } }, sink);
    const format = createFormatError(log);
    const err = driverError();
    const shown = format({ message: err.message, path: ['createApplication'] }, new GraphQLError(err.message, { path: ['createApplication'], originalError: err }));
    expect(shown).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(lines.join('')).toContain('23505');
    expect(lines.join('')).not.toContain(ID);
  });

  it('treats any driver exception as a database error', () => {
    const e = new DriverException(Object.assign(new Error(`select * from application where id = '${ID}'`), { code: '22P02' }));
    expect(JSON.stringify(redactError(e))).not.toContain(ID);
  });
});
