/**
 * COPY … FROM STDIN over `pg` without pg-copy-streams: a minimal "submittable" that the pg client
 * drives like a query. Rows are arrays; values use COPY's text format (\N for null).
 */
const SPECIAL = /[\\\n\r\t]/;
const ESCAPES = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function copyValue(v) {
  if (v === null || v === undefined) return '\\N';
  const s = typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : String(v);
  return SPECIAL.test(s) ? s.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c]) : s;
}

class CopyIn {
  constructor(text, chunks) {
    this.text = text;
    this.chunks = chunks;
    this.rowCount = 0;
    this.promise = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }
  submit(connection) {
    connection.query(this.text);
  }
  handleCopyInResponse(connection) {
    for (const chunk of this.chunks) connection.sendCopyFromChunk(chunk);
    connection.endCopyFrom();
  }
  handleCommandComplete(msg) {
    this.rowCount = Number(String(msg.text ?? '').split(' ').pop()) || 0;
  }
  handleReadyForQuery() {
    this.resolve(this.rowCount);
  }
  handleError(err) {
    this.reject(err);
  }
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
  handleCopyData() {}
}

/** Copies `rows` (arrays of values in `columns` order) into `table`; resolves to the row count. */
export function copyRows(client, table, columns, rows) {
  const chunks = [];
  let buf = '';
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < row.length; i++) line += (i ? '\t' : '') + copyValue(row[i]);
    buf += line + '\n';
    if (buf.length > 1 << 18) {
      chunks.push(Buffer.from(buf));
      buf = '';
    }
  }
  if (buf) chunks.push(Buffer.from(buf));
  const q = new CopyIn(`copy ${table} (${columns.join(', ')}) from stdin`, chunks);
  client.query(q);
  return q.promise;
}
