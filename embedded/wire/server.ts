// The embedded database's front door: a Postgres wire-protocol server in front of PGlite that
// authenticates every connection against pg_authid (SCRAM-SHA-256, or md5 for md5 hashes),
// refuses unknown roles and wrong passwords with PostgreSQL's errors, and then runs the
// connection's messages on the shared PGlite session as its own role (see session.ts).
import type { PGlite } from '@electric-sql/pglite';
import { randomBytes, randomInt } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { loadStatementGuard, refusalOf } from './guard';
import { md5ResponseMatches, parseScramVerifier, SCRAM_MECHANISM, ScramExchange } from './password';
import {
  authenticationMd5,
  authenticationOk,
  authenticationSasl,
  authenticationSaslContinue,
  authenticationSaslFinal,
  backendKeyData,
  CANCEL_REQUEST,
  fatal,
  GSSENC_REQUEST,
  parameterStatus,
  PROTOCOL_V3,
  queryMessage,
  readyForQuery,
  SSL_REQUEST,
  startupParameters,
  statementText,
  withoutReadyForQuery,
} from './protocol';
import { quoteLiteral, SharedSession, type Holder } from './session';

/** PGlite's one database. */
const DATABASE = 'postgres';

const REFUSAL_HINT =
  'The embedded database runs every connection on one superuser session, so it refuses what could leave the role a connection logged in as.';
/** A refusal (see guard.ts) as PostgreSQL raises one: PGlite runs it, so a transaction it falls in fails too. */
const refusalStatement = (reason: string) =>
  `do $$ begin raise exception using errcode = '42501', message = ${quoteLiteral(reason)}, hint = ${quoteLiteral(REFUSAL_HINT)}; end $$`;

/** Session parameters PostgreSQL reports at login. */
const REPORTED = [
  'server_version',
  'server_encoding',
  'client_encoding',
  'DateStyle',
  'IntervalStyle',
  'TimeZone',
  'integer_datetimes',
  'standard_conforming_strings',
];

interface LoginRow {
  rolpassword: string | null;
  canLogin: boolean;
  superuser: boolean;
  expired: boolean;
  defaultRole: string;
}

export class DatabaseServer {
  private readonly session: SharedSession;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private reported: [string, string][] = [];

  constructor(
    db: PGlite,
    private readonly opts: { host: string; port: number; maxConnections: number },
  ) {
    this.session = new SharedSession(db);
  }

  async start(): Promise<number> {
    await loadStatementGuard();
    await this.session.run(this.session.internal, async () => {
      const { rows } = await this.session.query(
        `select ${REPORTED.map((n) => `pg_catalog.current_setting(${quoteLiteral(n)})`).join(', ')}`,
      );
      this.reported = REPORTED.map((name, i) => [name, rows[0][i] ?? '']);
    });
    const server = createServer((socket) => this.accept(socket));
    server.maxConnections = this.opts.maxConnections;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.opts.port, this.opts.host, () => resolve());
    });
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('the database server has no TCP address');
    return address.port;
  }

  async stop() {
    this.session.stop();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(socket: Socket) {
    socket.setNoDelay(true);
    this.sockets.add(socket);
    const connection = new Connection(socket, this.session, this.reported);
    socket.on('data', (chunk) => connection.receive(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.sockets.delete(socket);
      connection.closed();
    });
  }
}

/** Why a non-superuser connection's message must not reach PGlite, or undefined when it may. */
function refusalOfMessage(message: Buffer, type: string): string | undefined {
  // A fast-path FunctionCall names its function by OID (set_config's among them), beyond any parse.
  if (type === 'F') return 'permission denied for the fast-path function call';
  const text = statementText(message);
  return text === undefined ? undefined : refusalOf(text);
}

type Phase =
  | { name: 'startup' }
  | {
      name: 'sasl-initial' | 'sasl-final';
      user: string;
      database: string;
      params: Map<string, string>;
      login: LoginRow | undefined;
      scram: ScramExchange;
    }
  | { name: 'md5'; user: string; database: string; params: Map<string, string>; login: LoginRow; salt: Buffer }
  | { name: 'ready'; holder: Holder }
  | { name: 'done' };

class Connection {
  private buffer = Buffer.alloc(0);
  private phase: Phase = { name: 'startup' };
  private chain: Promise<void> = Promise.resolve();
  /** After a refused Parse, PostgreSQL ignores the exchange's messages up to its Sync; so does this. */
  private skippingToSync = false;

  constructor(
    private readonly socket: Socket,
    private readonly session: SharedSession,
    private readonly reported: [string, string][],
  ) {}

  receive(chunk: Buffer) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    // Messages are handled one after the other, even when a login lookup has to wait its turn.
    this.chain = this.chain.then(() => this.consume()).catch(() => this.refuse('XX000', 'internal error in the embedded database'));
  }

  closed() {
    if (this.phase.name === 'ready') this.session.release(this.phase.holder);
    this.phase = { name: 'done' };
  }

  private async consume() {
    while (this.phase.name !== 'done') {
      const startup = this.phase.name === 'startup';
      const headerLength = startup ? 4 : 5;
      if (this.buffer.length < headerLength) return;
      const length = startup ? this.buffer.readInt32BE(0) : 1 + this.buffer.readInt32BE(1);
      // As PostgreSQL: a startup packet is 8 bytes to 10 000; any other message at most 1 GB.
      if (startup ? length < 8 || length > 10_000 : length < 5 || length > 1 << 30) return this.refuse('08P01', 'invalid message length');
      if (this.buffer.length < length) return;
      const message = this.buffer.subarray(0, length);
      this.buffer = this.buffer.subarray(length);
      if (startup) await this.startup(message);
      else await this.handle(message);
    }
  }

  private async startup(message: Buffer) {
    const code = message.length >= 8 ? message.readInt32BE(4) : 0;
    if (code === SSL_REQUEST || code === GSSENC_REQUEST) return void this.socket.write('N');
    if (code === CANCEL_REQUEST) return this.end();
    if (code !== PROTOCOL_V3) return this.refuse('0A000', 'unsupported frontend protocol');
    const params = startupParameters(message.subarray(8));
    const user = params.get('user');
    if (!user) return this.refuse('28000', 'no PostgreSQL user name specified in startup packet');
    const database = params.get('database') || user;
    const login = await this.lookUp(user);
    if (login?.rolpassword?.startsWith('md5')) {
      const salt = randomBytes(4);
      this.phase = { name: 'md5', user, database, params, login, salt };
      this.socket.write(authenticationMd5(salt));
      return;
    }
    this.phase = {
      name: 'sasl-initial',
      user,
      database,
      params,
      login,
      scram: new ScramExchange(parseScramVerifier(login?.rolpassword ?? null)),
    };
    this.socket.write(authenticationSasl(SCRAM_MECHANISM));
  }

  private async handle(message: Buffer) {
    const phase = this.phase;
    const type = String.fromCharCode(message[0]);
    const body = message.subarray(5);
    if (phase.name === 'ready') return this.forward(phase.holder, message, type);
    if (type !== 'p') return this.refuse('08P01', 'expected a password response');
    if (phase.name === 'md5') {
      const response = body.toString('utf8').replace(/\0$/, '');
      return this.authenticated(phase, md5ResponseMatches(phase.login.rolpassword ?? '', phase.salt, response));
    }
    if (phase.name === 'sasl-initial') {
      const mechanismEnd = body.indexOf(0);
      if (body.subarray(0, mechanismEnd).toString() !== SCRAM_MECHANISM)
        return this.refuse('08P01', 'client selected an invalid SASL authentication mechanism');
      const serverFirst = phase.scram.start(body.subarray(mechanismEnd + 5).toString('utf8'));
      if (!serverFirst) return this.refuse('08P01', 'malformed SCRAM message');
      this.phase = { ...phase, name: 'sasl-final' };
      this.socket.write(authenticationSaslContinue(serverFirst));
      return;
    }
    if (phase.name === 'sasl-final') {
      const serverFinal = phase.scram.finish(body.toString('utf8'));
      if (serverFinal && phase.login && !phase.login.expired) this.socket.write(authenticationSaslFinal(serverFinal));
      return this.authenticated(phase, Boolean(serverFinal));
    }
  }

  private authenticated(
    phase: { user: string; database: string; params: Map<string, string>; login: LoginRow | undefined },
    passwordMatches: boolean,
  ) {
    const { user, login } = phase;
    if (!passwordMatches || !login || login.expired) return this.refuse('28P01', `password authentication failed for user "${user}"`);
    if (!login.canLogin) return this.refuse('28000', `role "${user}" is not permitted to log in`);
    if (phase.database !== DATABASE) return this.refuse('3D000', `database "${phase.database}" does not exist`);
    const holder: Holder = { login: user, role: login.defaultRole, superuser: login.superuser, midExtended: false, closed: false };
    this.phase = { name: 'ready', holder };
    const status: [string, string][] = [
      ...this.reported,
      ['application_name', phase.params.get('application_name') ?? ''],
      ['is_superuser', login.superuser ? 'on' : 'off'],
      ['session_authorization', user],
    ];
    this.socket.write(
      Buffer.concat([
        authenticationOk(),
        ...status.map(([name, value]) => parameterStatus(name, value)),
        backendKeyData(randomInt(1, 2 ** 31 - 1), randomInt(1, 2 ** 31 - 1)),
        readyForQuery('I'),
      ]),
    );
  }

  private async forward(holder: Holder, message: Buffer, type: string) {
    if (type === 'X') return this.end();
    if (this.skippingToSync && type !== 'S') return;
    this.skippingToSync = false;
    const reason = holder.superuser ? undefined : refusalOfMessage(message, type);
    const write = (chunk: Buffer) => {
      if (this.socket.writable) this.socket.write(chunk);
    };
    if (reason) this.skippingToSync = type === 'P';
    void this.session
      .run(holder, async () => {
        holder.midExtended = 'PBDEHC'.includes(type);
        if (!reason) return this.session.send(message, write);
        // The refusal runs as a simple query; a Parse's client waits for its Sync's ReadyForQuery.
        const chunks: Buffer[] = [];
        await this.session.send(queryMessage(refusalStatement(reason)), (chunk) => chunks.push(chunk));
        write(type === 'P' ? withoutReadyForQuery(Buffer.concat(chunks)) : Buffer.concat(chunks));
      })
      .catch(() => this.end());
  }

  private async lookUp(user: string): Promise<LoginRow | undefined> {
    let row: (string | null)[] | undefined;
    await this.session.run(this.session.internal, async () => {
      const { rows } = await this.session.query(
        `select a.rolpassword, a.rolcanlogin, a.rolsuper, coalesce(a.rolvaliduntil < pg_catalog.now(), false),
           coalesce((select pg_catalog.array_to_string(s.setconfig, chr(10)) from pg_catalog.pg_db_role_setting s
                     where s.setrole = a.oid and s.setdatabase = 0), '')
         from pg_catalog.pg_authid a where a.rolname = ${quoteLiteral(user)}`,
      );
      row = rows[0];
    });
    if (!row) return undefined;
    // `alter role … set role = x` makes x the role a fresh connection starts as, as on PostgreSQL.
    const defaultRole =
      (row[4] ?? '')
        .split('\n')
        .find((s) => s.startsWith('role='))
        ?.slice(5) ?? 'none';
    return { rolpassword: row[0], canLogin: row[1] === 't', superuser: row[2] === 't', expired: row[3] === 't', defaultRole };
  }

  private refuse(code: string, text: string) {
    this.socket.write(fatal(code, text));
    this.end();
  }

  private end() {
    this.closed();
    this.socket.end();
  }
}
