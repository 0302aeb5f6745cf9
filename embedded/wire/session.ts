// PGlite has one backend session, shared by every socket connection. This scheduler runs one
// connection's message at a time and, whenever the session passes to another connection, puts
// that connection's login role (and its SET ROLE) in force first, so each connection acts as the
// role it logged in as. An open transaction or an unfinished extended-protocol exchange keeps the
// session with its connection until it ends.
import type { PGlite } from '@electric-sql/pglite';
import { queryMessage, readBackendResult, syncMessage, type BackendResult } from './protocol';

export interface Holder {
  /** The role the connection logged in as (its session user). */
  login: string;
  /** Its current SET ROLE ('none' when none): saved when the session passes to another holder. */
  role: string;
  superuser: boolean;
  /** True between an extended-protocol message and its Sync. */
  midExtended: boolean;
  closed: boolean;
}

interface Task {
  holder: Holder;
  work: () => Promise<void>;
  done: (error?: unknown) => void;
}

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
export const quoteLiteral = (text: string) => `'${text.replaceAll("'", "''")}'`;

export class SharedSession {
  /** The stand-in's own statements (logins, clean-up) run as the bootstrap superuser. */
  readonly internal: Holder = { login: 'postgres', role: 'none', superuser: true, midExtended: false, closed: false };
  private tasks: Task[] = [];
  private draining = false;
  private current: Holder | undefined;
  private stopped = false;

  constructor(private readonly db: PGlite) {}

  /** Refuses further work: the database is about to close. */
  stop() {
    this.stopped = true;
    for (const task of this.tasks.splice(0)) task.done(new Error('the database is stopping'));
  }

  /** Runs work with the session in holder's identity, in arrival order per holder. */
  run(holder: Holder, work: () => Promise<void>): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.stopped) return reject(new Error('the database is stopping'));
      this.tasks.push({ holder, work, done: (error) => (error === undefined ? resolve() : reject(error)) });
      void this.drain();
    });
  }

  /** One simple query on the raw session (inside `run` only); throws the backend's error. */
  async query(sql: string): Promise<BackendResult> {
    const result = readBackendResult(await this.raw(queryMessage(sql)));
    if (result.error) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return result;
  }

  /** Sends one frontend message to PGlite and hands each chunk of the answer to onData. */
  async send(message: Buffer, onData: (chunk: Buffer) => void) {
    await this.db.execProtocolRawStream(new Uint8Array(message), { onRawData: (chunk) => onData(Buffer.from(chunk)) });
  }

  /** Drops a closed connection's pending work and ends what it left open. */
  release(holder: Holder) {
    holder.closed = true;
    this.tasks = this.tasks.filter((t) => t.holder !== holder || (t.done(new Error('connection closed')), false));
    if (this.current !== holder || this.stopped) return;
    void this.run(holder, async () => {
      if (holder.midExtended) await this.raw(syncMessage());
      if (this.db.isInTransaction()) await this.raw(queryMessage('rollback'));
      holder.midExtended = false;
    }).catch(() => {});
  }

  private async raw(message: Buffer): Promise<Buffer> {
    const chunks: Buffer[] = [];
    await this.send(message, (chunk) => chunks.push(chunk));
    return Buffer.concat(chunks);
  }

  private next(): number {
    if (this.stopped) return -1;
    const held = this.current && (this.db.isInTransaction() || this.current.midExtended);
    return held ? this.tasks.findIndex((t) => t.holder === this.current) : this.tasks.length ? 0 : -1;
  }

  private async drain() {
    if (this.draining) return;
    this.draining = true;
    try {
      for (let i = this.next(); i >= 0; i = this.next()) {
        const [task] = this.tasks.splice(i, 1);
        try {
          await this.db.runExclusive(async () => {
            if (this.current !== task.holder) await this.handOver(task.holder);
            await task.work();
          });
          task.done();
        } catch (error) {
          task.done(error ?? new Error('failed'));
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private async handOver(next: Holder) {
    const previous = this.current;
    this.current = undefined;
    if (previous && !previous.closed && previous !== this.internal) {
      previous.role = (await this.query(`select pg_catalog.current_setting('role')`)).rows[0][0] ?? 'none';
    }
    const role = next.role === 'none' ? 'none' : quoteIdent(next.role);
    // The statement guard lexes as PostgreSQL does with these two (guard.ts); a superuser
    // connection may have changed them on the shared session, a guarded one cannot.
    const lexer = next.superuser ? '' : `; set standard_conforming_strings = on; set client_encoding = 'UTF8'`;
    await this.query(`set session authorization ${quoteIdent(next.login)}; set role ${role}${lexer}`);
    this.current = next;
  }
}
