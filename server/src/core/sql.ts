import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Runs SQL written with PostgreSQL `$n` placeholders on the EntityManager's current transaction
 * (MikroORM's raw API takes knex-style `?` bindings, so placeholders are rewritten in order and
 * literal `?` escaped). Used for pg-boss inside our transactions and for hot-path statements.
 */
export function sqlExecutor(em: EntityManager) {
  return async (text: string, values: unknown[] = []): Promise<{ rows: any[] }> => {
    const bindings: unknown[] = [];
    const sql = text.replace(/\?/g, '\\?').replace(/\$(\d+)/g, (_m, n: string) => {
      const v = values[Number(n) - 1];
      bindings.push(Array.isArray(v) ? arrayLiteral(v) : v);
      return '?';
    });
    const rows = await em.getConnection().execute(sql, bindings as any[], 'all', em.getTransactionContext());
    return { rows: rows as any[] };
  };
}

/** Knex would splice an array into a value list; PostgreSQL wants one array literal. */
function arrayLiteral(values: unknown[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${String(v).replace(/["\\]/g, (c) => `\\${c}`)}"`)).join(',')}}`;
}
