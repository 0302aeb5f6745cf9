// Issue 13, finding 1, its last gap: PGlite's one session is authenticated as the bootstrap
// superuser, so PostgreSQL lets any statement on it switch back to that user. The embedded front
// door parses every statement of a non-superuser connection and refuses, before PGlite runs it,
// whatever could leave the login role, however the statement is built (run-time concatenation,
// SQL given as text to a built-in, functions and aggregates made for it, resets), in the simple
// and the extended protocol. Each escape below is tried as app_server and as a fresh login role;
// afterwards the connection is still usable, still its role, and auth.users is still unreadable.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openUserTransaction } from '../../lib/db/transaction';
import { describeEachDatabase, type Target } from '../support/db';

type Mode = 'simple' | 'extended';

/** SQLSTATE of the first failing step, or 'ok' when every step ran. */
async function firstFailure(client: pg.Client, steps: string[], mode: Mode): Promise<string> {
  for (const text of steps) {
    try {
      // pg's types lack queryMode; 'extended' sends Parse/Bind/Execute/Sync even without values.
      await client.query(mode === 'simple' ? text : ({ text, queryMode: 'extended' } as pg.QueryConfig));
    } catch (error) {
      return (error as { code?: string }).code ?? String(error);
    }
  }
  return 'ok';
}

async function outcome(client: pg.Client, sql: string): Promise<string | unknown[]> {
  try {
    return (await client.query(sql)).rows;
  } catch (error) {
    return (error as { code: string }).code;
  }
}

/** The socket of a logged-in pg client, taken over to send messages pg has no API for. */
function takeOver(client: pg.Client): Socket {
  const socket = (client as unknown as { connection: { stream: Socket } }).connection.stream;
  socket.removeAllListeners('data');
  return socket;
}

const frame = (type: string, ...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(5);
  head.write(type, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
};
const int = (bytes: 2 | 4, n: number) => {
  const b = Buffer.alloc(bytes);
  if (bytes === 2) b.writeInt16BE(n);
  else b.writeInt32BE(n);
  return b;
};
const queryFrame = (sql: string) => frame('Q', Buffer.from(`${sql}\0`));
/** A fast-path FunctionCall: the function by OID, text arguments, a text result. */
const functionCallFrame = (oid: number, args: string[]) =>
  frame(
    'F',
    int(4, oid),
    int(2, 1),
    int(2, 0),
    int(2, args.length),
    ...args.flatMap((a) => [int(4, Buffer.byteLength(a)), Buffer.from(a)]),
    int(2, 0),
  );

/** Sends one message and reads the answer up to ReadyForQuery: its error's SQLSTATE ('ok' without one), the rows' first values. */
function exchange(socket: Socket, message: Buffer): Promise<{ code: string; values: string[] }> {
  return new Promise((resolve) => {
    let data = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      let code = 'ok';
      const values: string[] = [];
      for (let at = 0; at + 5 <= data.length;) {
        const end = at + 1 + data.readInt32BE(at + 1);
        if (end > data.length) return;
        const type = String.fromCharCode(data[at]);
        const body = data.subarray(at + 5, end);
        if (type === 'E')
          code =
            body
              .toString()
              .split('\0')
              .find((f) => f.startsWith('C'))
              ?.slice(1) ?? 'XX000';
        if (type === 'D') values.push(body.subarray(6, 6 + body.readInt32BE(2)).toString());
        if (type === 'Z') {
          socket.off('data', onData);
          return resolve({ code, values });
        }
        at = end;
      }
    };
    socket.on('data', onData);
    socket.write(message);
  });
}

const q = (sql: string) => sql.replaceAll("'", "''");
// The setting's name is put together at run time, as an attacker would, so no text search sees it.
const TO_POSTGRES = `pg_catalog.set_config('session_author' || 'ization', 'postgres', false)`;

/**
 * Each escape, and what PostgreSQL 15 itself answers: there the session's authenticated user is
 * the login role, so the switch fails inside (42501) or, for a reset, goes back to the login role
 * harmlessly ('ok'). The stand-in refuses every one with 42501 before it runs.
 */
const ESCAPES: { name: string; steps: string[]; pg15: '42501' | 'ok'; simpleOnly?: boolean }[] = [
  {
    name: 'DO with EXECUTE of concatenated text',
    steps: [`do $$ begin execute 'set session author' || 'ization postgres'; end $$`],
    pg15: '42501',
  },
  {
    name: 'set_config with a concatenated name',
    steps: [`select pg_catalog.set_config('session_author' || 'ization', 'postgres', false)`],
    pg15: '42501',
  },
  {
    name: 'set_config with a unicode-escaped name',
    steps: [`select set_config(U&'session\\005fauthorization', 'postgres', false)`],
    pg15: '42501',
  },
  {
    name: 'query_to_xml running SQL given as text',
    steps: [`select query_to_xml('select ${q(TO_POSTGRES)}', true, true, '')`],
    pg15: '42501',
  },
  // It only plans the query, so even PostgreSQL runs nothing; still SQL the guard cannot see.
  { name: 'query_to_xmlschema', steps: [`select query_to_xmlschema('select ${q(TO_POSTGRES)}', true, true, '')`], pg15: 'ok' },
  {
    name: 'query_to_xml_and_xmlschema',
    steps: [`select query_to_xml_and_xmlschema('select ${q(TO_POSTGRES)}', true, true, '')`],
    pg15: '42501',
  },
  {
    name: 'ts_stat running SQL given as text',
    steps: [`select * from ts_stat('select pg_catalog.to_tsvector(${q(TO_POSTGRES)})')`],
    pg15: '42501',
  },
  {
    name: 'ts_rewrite running SQL given as text',
    steps: [`select ts_rewrite('a'::tsquery, 'select pg_catalog.to_tsquery(${q(TO_POSTGRES)}), ''b''::tsquery')`],
    pg15: '42501',
  },
  {
    name: 'an SQL function that does it, then a call',
    steps: [`create function pg_temp.escape_sql() returns text language sql as $$ select ${TO_POSTGRES} $$`, `select pg_temp.escape_sql()`],
    pg15: '42501',
  },
  {
    name: 'a PL/pgSQL function with dynamic EXECUTE, then a call',
    steps: [
      `create function pg_temp.escape_plpgsql() returns void language plpgsql as $$ begin execute 'reset session author' || 'ization'; end $$`,
      `select pg_temp.escape_plpgsql()`,
    ],
    pg15: 'ok',
  },
  {
    name: 'a procedure, then a call',
    steps: [`create procedure pg_temp.escape_proc() language sql as $$ select ${TO_POSTGRES} $$`, `call pg_temp.escape_proc()`],
    pg15: '42501',
  },
  {
    name: 'a SET clause added to a function',
    steps: [`alter function pg_catalog.now() set session_authorization = 'postgres'`],
    pg15: '42501',
  },
  {
    name: 'an aggregate whose state function is set_config',
    steps: [
      `create aggregate pg_temp.escape_agg(text, boolean) (sfunc = pg_catalog.set_config, stype = text, initcond = E'session_authori\\x7aation')`,
      `select pg_temp.escape_agg('postgres', false)`,
    ],
    pg15: '42501',
  },
  {
    name: 'an operator running SQL given as text',
    steps: [
      `create operator pg_temp.### (leftarg = tsquery, rightarg = text, function = pg_catalog.ts_rewrite)`,
      `select 'a'::tsquery operator(pg_temp.###) 'select pg_catalog.to_tsquery(${q(TO_POSTGRES)}), ''b''::tsquery'`,
    ],
    pg15: '42501',
  },
  { name: 'DISCARD ALL', steps: ['discard all'], pg15: 'ok' },
  { name: 'RESET SESSION AUTHORIZATION', steps: ['reset session authorization'], pg15: 'ok' },
  { name: 'SET SESSION AUTHORIZATION DEFAULT', steps: ['set session authorization default'], pg15: 'ok' },
  { name: 'SET session_authorization as a setting, mixed case', steps: [`set "Session_Authorization" = 'postgres'`], pg15: '42501' },
  { name: 'a unicode-escaped setting name', steps: [`set U&"sess\\0069on_authorization" to default`], pg15: 'ok' },
  {
    // With backslashes as escapes, PostgreSQL would read the middle of this as a statement while a
    // parser with standard strings reads it as a string; so the setting stays as the parser reads.
    name: 'standard_conforming_strings off, to hide a statement in a string',
    steps: ['set standard_conforming_strings = off', `select 'a\\' , ' ; reset session authorization; select ' --'\n`],
    pg15: 'ok',
    simpleOnly: true,
  },
  { name: 'a client encoding whose characters end in a backslash', steps: [`set client_encoding = 'GBK'`], pg15: 'ok' },
];

describeEachDatabase('the front door keeps a connection its login role (issue 13: dynamic SQL left it)', (db, target: Target) => {
  const fresh = `escape_probe_${randomBytes(4).toString('hex')}`;
  const freshPassword = randomBytes(18).toString('base64url');
  const logins: { name: string; url: () => string }[] = [
    { name: 'app_server', url: () => db().appUrl },
    {
      name: 'a fresh login role',
      url: () => {
        const url = new URL(db().appUrl);
        url.username = fresh;
        url.password = freshPassword;
        return url.toString();
      },
    },
  ];

  beforeAll(async () => {
    await db().admin.query(`create role ${fresh} login password '${freshPassword}'`);
  });
  afterAll(async () => {
    await db().admin.query(`drop role if exists ${fresh}`);
  });

  for (const escape of ESCAPES) {
    for (const login of logins) {
      for (const mode of ['simple', 'extended'] as const) {
        if (mode === 'extended' && escape.simpleOnly) continue;
        it(`${escape.name}: refused as ${login.name}, ${mode} protocol`, async () => {
          const client = new pg.Client(login.url());
          await client.connect();
          try {
            const identity = () => client.query(`select current_user::text as role, session_user::text as login`).then((r) => r.rows[0]);
            const before = await identity();
            expect(await firstFailure(client, escape.steps, mode)).toBe(target === 'pglite' ? '42501' : escape.pg15);
            // Still usable, still itself, still without the superuser's tables.
            expect(await identity()).toEqual(before);
            expect(await outcome(client, `select count(*) from auth.users`)).toBe('42501');
            expect(await outcome(client, `select rolpassword from pg_catalog.pg_authid`)).toBe('42501');
          } finally {
            await client.end();
          }
        });
      }
    }
  }

  it('a fast-path function call (set_config by its OID, no SQL to parse): refused as app_server', async () => {
    const { oid } = (await db().admin.query(`select 'pg_catalog.set_config(text,text,boolean)'::pg_catalog.regprocedure::oid::int as oid`))
      .rows[0];
    const client = new pg.Client(db().appUrl);
    client.on('error', () => {});
    await client.connect();
    const socket = takeOver(client);
    try {
      expect((await exchange(socket, functionCallFrame(oid, ['session_authorization', 'postgres', 'false']))).code).toBe('42501');
      expect(await exchange(socket, queryFrame(`select session_user::text || ' ' || current_user::text`))).toEqual({
        code: 'ok',
        values: ['app_server anon'],
      });
      expect((await exchange(socket, queryFrame(`select count(*) from auth.users`))).code).toBe('42501');
    } finally {
      socket.destroy();
    }
  });

  it('a refusal inside a transaction fails the transaction, as an error does, and the connection goes on', async () => {
    const client = new pg.Client(db().appUrl);
    await client.connect();
    try {
      for (const mode of ['simple', 'extended'] as const) {
        await client.query('begin');
        expect(await firstFailure(client, [`select ${TO_POSTGRES}`], mode)).toBe('42501');
        expect(await outcome(client, 'select 1 as one')).toBe('25P02');
        await client.query('rollback');
        expect(await outcome(client, 'select 1 as one')).toEqual([{ one: 1 }]);
      }
    } finally {
      await client.end();
    }
  });

  it('the app keeps its own statements: set_config of role and claims by literal names', async () => {
    const client = new pg.Client(db().appUrl);
    await client.connect();
    try {
      // The opening as the app sends it (simple protocol), and the same settings as parameters.
      await openUserTransaction(client as unknown as pg.PoolClient, { sub: randomUUID(), role: 'authenticated' }, { checkSession: false });
      expect((await client.query(`select current_user::text as role`)).rows[0].role).toBe('authenticated');
      await client.query('rollback');
      await client.query('begin');
      await client.query({
        text: `select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)`,
        values: ['authenticated', '{"role":"authenticated"}'],
      });
      expect((await client.query(`select current_user::text as role`)).rows[0].role).toBe('authenticated');
      await client.query('rollback');
    } finally {
      await client.end();
    }
  });

  it('no login role but a superuser is a member of a superuser role, so SET ROLE cannot leave', async () => {
    const { rows } = await db().admin.query(
      `select r.rolname from pg_catalog.pg_roles r
       where r.rolcanlogin and not r.rolsuper
         and exists (select from pg_catalog.pg_roles s where s.rolsuper and s.oid <> r.oid and pg_catalog.pg_has_role(r.oid, s.oid, 'member'))`,
    );
    expect(rows).toEqual([]);
  });
});
