/**
 * The PostgreSQL wire protocol over TCP for one PGlite instance (its single backend), so the `pg`
 * driver, MikroORM and pg-boss connect to the embedded database as to a server.
 *
 * Why not pglite-socket's server: it queued every protocol *message* on its own. All connections
 * share the one backend, so one connection's Parse could run between another's Parse and Bind:
 * "bind message supplies 3 parameters, but prepared statement "" requires 2" (08P01), seen when
 * pg-boss completed a job while the server ran a transition. Here a connection's messages run as
 * units that end where the protocol hands control back (Sync, a simple Query, Flush), each unit
 * exclusive on the backend. A unit that leaves the backend inside a transaction (BEGIN … COMMIT), or
 * an exchange open after a Flush (a cursor reading pages), keeps the backend for that connection
 * until it finishes; the others wait their turn in arrival order.
 *
 * LISTEN works as on a server: the session is one, so a NOTIFY committed by any connection comes
 * back in the output of the exchange that committed it. The server finds those NotificationResponse
 * messages in the output and sends each to the other connections that have issued LISTEN (the actor
 * and board caches), which receive it as from PostgreSQL, while idle.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
/** Message types after which the backend answers and waits: a unit ends there. */
const UNIT_ENDS = new Set(['S', 'Q', 'H']);

interface Unit {
  conn: Connection;
  bytes: Uint8Array;
  /** Ends with Flush: the exchange stays open until a later Sync. */
  open: boolean;
}

/**
 * Finds NotificationResponse messages ('A') in a backend's output, across chunk boundaries; every
 * other message is passed over by its length.
 */
class NotificationScanner {
  private head: Buffer = Buffer.alloc(0);
  private need = 0;
  private body: Buffer[] | null = null;

  constructor(private readonly found: (message: Buffer) => void) {}

  push(chunk: Uint8Array): void {
    let data = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    while (data.length) {
      if (this.need > 0) {
        const part = data.subarray(0, this.need);
        this.need -= part.length;
        data = data.subarray(part.length);
        if (this.body) {
          this.body.push(Buffer.from(part));
          if (!this.need) this.finish();
        }
        continue;
      }
      const header = this.head.length ? Buffer.concat([this.head, data.subarray(0, 5 - this.head.length)]) : data.subarray(0, 5);
      if (header.length < 5) {
        this.head = Buffer.from(header);
        return;
      }
      data = data.subarray(5 - this.head.length);
      this.head = Buffer.alloc(0);
      this.need = header.readInt32BE(1) - 4;
      this.body = header[0] === 0x41 ? [Buffer.from(header)] : null;
      if (this.body && this.need <= 0) this.finish();
    }
  }

  private finish(): void {
    this.found(Buffer.concat(this.body!));
    this.body = null;
  }
}

class Connection {
  private buffer: Buffer = Buffer.alloc(0);
  private started = false;
  private pending: Buffer[] = [];
  closed = false;
  /** Has issued LISTEN: receives the notifications other connections' commits raise. */
  listens = false;

  constructor(readonly socket: net.Socket, private readonly server: EmbeddedSocketServer) {
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.receive(chunk));
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      if (!this.started) {
        if (this.buffer.length < 8) return;
        const length = this.buffer.readInt32BE(0);
        const code = this.buffer.readInt32BE(4);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          this.buffer = this.buffer.subarray(8);
          this.socket.write('N'); // no encryption on a loopback socket
          continue;
        }
        if (code === CANCEL_REQUEST) return void this.socket.destroy();
        if (this.buffer.length < length) return;
        this.started = true;
        this.server.enqueue({ conn: this, bytes: this.take(length), open: false });
        continue;
      }
      if (this.buffer.length < 5) return;
      const length = 1 + this.buffer.readInt32BE(1);
      if (this.buffer.length < length) return;
      const type = String.fromCharCode(this.buffer[0]!);
      const message = this.take(length);
      if (type === 'X') return void this.socket.end(); // Terminate: the backend is shared, keep it
      if (type === 'Q' && /^\s*listen\s/i.test(message.toString('utf8', 5, Math.min(message.length, 64)))) this.listens = true;
      this.pending.push(message);
      if (UNIT_ENDS.has(type)) {
        const bytes = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
        this.pending = [];
        this.server.enqueue({ conn: this, bytes, open: type === 'H' });
      }
    }
  }

  private take(length: number): Buffer {
    const out = Buffer.from(this.buffer.subarray(0, length));
    this.buffer = this.buffer.subarray(length);
    return out;
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.server.forget(this);
  }
}

/** The owner while a departed connection's transaction is rolled back: nobody's units run. */
const ROLLING_BACK = Symbol('rolling back');

export class EmbeddedSocketServer {
  private readonly server = net.createServer((socket) => this.accept(socket));
  private readonly queue: Unit[] = [];
  /** The connection that holds the backend between units (a transaction or an open exchange). */
  private owner: Connection | typeof ROLLING_BACK | null = null;
  private running = false;
  private connections = new Set<Connection>();

  constructor(private readonly db: PGlite, private readonly maxConnections: number) {}

  async listen(host = '127.0.0.1'): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, host, () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const c of this.connections) c.socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: net.Socket): void {
    if (this.connections.size >= this.maxConnections) return void socket.destroy();
    this.connections.add(new Connection(socket, this));
  }

  enqueue(unit: Unit): void {
    this.queue.push(unit);
    void this.run();
  }

  /** A connection went away: its queued units are dropped, and a transaction it left open rolls back. */
  forget(conn: Connection): void {
    this.connections.delete(conn);
    for (let i = this.queue.length - 1; i >= 0; i--) if (this.queue[i]!.conn === conn) this.queue.splice(i, 1);
    if (this.owner !== conn) return;
    // The backend stays held (by no connection's units) until the rollback is done. `exec` takes
    // PGlite's own lock, not runExclusive's, which run() holds only while a unit runs.
    this.owner = ROLLING_BACK;
    const rollback = this.db.isInTransaction() ? this.db.exec('ROLLBACK') : Promise.resolve();
    void rollback.catch(() => undefined).finally(() => {
      this.owner = null;
      void this.run();
    });
  }

  /** A notification raised in `from`'s exchange, to every other listening connection. */
  private notify(from: Connection, message: Buffer): void {
    for (const c of this.connections) if (c !== from && c.listens && !c.closed) c.socket.write(message);
  }

  private next(): Unit | undefined {
    const i = this.owner ? this.queue.findIndex((u) => u.conn === this.owner) : 0;
    return i < 0 ? undefined : this.queue.splice(i, 1)[0];
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let unit = this.next(); unit; unit = this.next()) {
        const { conn, bytes, open } = unit;
        if (conn.closed) continue;
        const notifications = new NotificationScanner((message) => this.notify(conn, message));
        try {
          await this.db.runExclusive(() => this.db.execProtocolRawStream(bytes, {
            onRawData: (data) => {
              if (!data.length) return;
              notifications.push(data);
              if (!conn.closed) conn.socket.write(Buffer.from(data));
            },
          }));
        } catch {
          conn.socket.destroy(); // the protocol state of this connection is unknown: drop it
        }
        this.owner = open || this.db.isInTransaction() ? conn : null;
      }
    } finally {
      this.running = false;
    }
  }
}
