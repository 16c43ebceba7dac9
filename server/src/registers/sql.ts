import type { EntityManager } from '@mikro-orm/postgresql';
import { sqlExecutor } from '../core/sql.js';

/**
 * A function running SQL (`$n` placeholders) on one connection or transaction. The register write
 * path takes one of these rather than an EntityManager, so a workflow effect can run it inside the
 * application's own transaction (applications/commit.ts builds the same executor).
 */
export type SqlExec = ReturnType<typeof sqlExecutor>;

export const execOf = (em: EntityManager): SqlExec => sqlExecutor(em);

/**
 * MikroORM's raw queries return timestamptz as PostgreSQL text ("2026-11-23 15:55:55.358+00"),
 * which is not ISO 8601: rewrite it so Date parses it exactly.
 */
export function toDate(v: Date | string): Date;
export function toDate(v: Date | string | null): Date | null;
export function toDate(v: Date | string | null): Date | null {
  if (v === null || v instanceof Date) return v;
  return new Date(v.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
