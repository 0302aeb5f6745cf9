// The request's one transaction: opened by the first reader (or the access check), shared by every
// part of the request that reads or writes (layout, shell, page; an action's steps), and ended as
// soon as nobody uses it.
//
// Why "as soon as nobody uses it" and not "at the end of the request": a server component that
// suspends (streaming, a slow Storage or Auth call) must not hold a transaction open (on PGlite it
// would block every other connection; on PostgreSQL it holds a connection and a snapshot). So each
// use takes a lease; when the last lease ends, the commit is deferred by one macrotask
// (setImmediate): work that continues in the same turn (the next statement of an action, the page
// rendering beside the shell) joins the same transaction, while anything that first waits on the
// network (Storage, Auth, mail) finds it committed and, if it reads again, opens a new one (which
// the per-request count in tests/app/request-transactions.test.ts would show).
//
// A use that throws rolls the whole transaction back once its last user lets go (as
// withUserTransaction always did) and the error goes on. The request's wrapper ends it for good
// (commit) when the handler returns or throws outside a use (a redirect after a saved form).
import type pg from 'pg';
import type { VerifiedClaims } from '@/lib/auth/verified-claims';
import {
  connect,
  endTransaction,
  openUserTransaction,
  type ActiveWorkspace,
  type Opened,
  type TransactionOptions,
  type Tx,
} from '@/lib/db/transaction';

export interface RequestTransactionOptions extends TransactionOptions {
  /** Read the layout's frame (memberships, pending deletion) in the opening round trip. */
  frame?: boolean;
}

interface Open {
  client: pg.PoolClient;
  opened: Opened;
}

export class RequestTransaction {
  private current: Promise<Open> | null = null;
  private leases = 0;
  private idle: NodeJS.Immediate | null = null;
  private ending: Promise<void> | null = null;
  /** A use threw: roll back once the last user lets go (never under another user's feet). */
  private doomed = false;

  constructor(
    private readonly claims: VerifiedClaims,
    private readonly options: RequestTransactionOptions = {},
  ) {}

  /** Runs fn in the request's transaction (opening it when none is open). */
  async run<T>(fn: (tx: Tx, workspace: ActiveWorkspace | null, opened: Opened) => Promise<T>): Promise<T> {
    const open = await this.acquire();
    try {
      return await fn(open.client, open.opened.workspace, open.opened);
    } catch (error) {
      this.doomed = true;
      throw error;
    } finally {
      await this.release();
    }
  }

  /** What the opening round trip read (workspace, frame), opening the transaction if needed. */
  opened(): Promise<Opened> {
    return this.run(async (_tx, _workspace, opened) => opened);
  }

  /** Ends the open transaction now (commit, or roll back); the next use opens a new one. */
  async end(commit = true): Promise<void> {
    if (this.idle) clearImmediate(this.idle);
    this.idle = null;
    const current = this.current;
    this.current = null;
    if (!current) return this.ending ?? undefined;
    const ending = current.then(
      (open) => endTransaction(open.client, commit),
      () => undefined, // it never opened: nothing to end
    );
    this.ending = ending;
    await ending;
  }

  private async acquire(): Promise<Open> {
    this.leases++;
    if (this.idle) clearImmediate(this.idle);
    this.idle = null;
    try {
      if (this.ending) await this.ending.catch(() => undefined);
      this.current ??= this.open();
      return await this.current;
    } catch (error) {
      this.current = null;
      this.leases--;
      throw error;
    }
  }

  private async open(): Promise<Open> {
    const client = await connect(this.options.pool);
    try {
      return { client, opened: await openUserTransaction(client, this.claims, this.options) };
    } catch (error) {
      await endTransaction(client, false);
      throw error;
    }
  }

  private async release() {
    if (--this.leases > 0 || !this.current) return;
    if (this.doomed) {
      this.doomed = false;
      return this.end(false);
    }
    this.idle = setImmediate(() => {
      this.idle = null;
      if (this.leases === 0)
        void this.end(true).catch((error: Error) => console.error('Request transaction did not commit:', error.message));
    });
  }
}
