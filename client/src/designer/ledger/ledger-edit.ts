/**
 * The ledger layout being edited, as plain data, and the pure steps the editor applies to it
 * (add a field, move a column, rename it). The server checks the result (defineLedger).
 */
export interface DraftColumn {
  field: string;
  /** The header; empty means the field's own title. */
  title: string;
}

export interface DraftLedger {
  name: string;
  title: string;
  titleEn: string;
  columns: DraftColumn[];
}

export const emptyLedger = (): DraftLedger => ({ name: '', title: '', titleEn: '', columns: [] });

export function addColumn(d: DraftLedger, field: string): DraftLedger {
  return { ...d, columns: [...d.columns, { field, title: '' }] };
}

/** Moves column `i` by `by` places (−1 up, +1 down); out of range does nothing. */
export function moveColumn(d: DraftLedger, i: number, by: number): DraftLedger {
  const j = i + by;
  if (i < 0 || j < 0 || i >= d.columns.length || j >= d.columns.length) return d;
  const columns = [...d.columns];
  [columns[i], columns[j]] = [columns[j]!, columns[i]!];
  return { ...d, columns };
}

export function renameColumn(d: DraftLedger, i: number, title: string): DraftLedger {
  return { ...d, columns: d.columns.map((c, k) => (k === i ? { ...c, title } : c)) };
}

export function removeColumn(d: DraftLedger, i: number): DraftLedger {
  return { ...d, columns: d.columns.filter((_, k) => k !== i) };
}

/** The defineLedger input: a title equal to the field's own is left out (it follows the form). */
export function ledgerInput(d: DraftLedger, titleOf: (field: string) => string | undefined) {
  return {
    name: d.name.trim(),
    title: d.title.trim(),
    titleEn: d.titleEn.trim() || null,
    columns: d.columns.map((c) => ({ field: c.field, title: c.title.trim() && c.title.trim() !== titleOf(c.field) ? c.title.trim() : null })),
  };
}
