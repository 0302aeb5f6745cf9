// PGlite's one session is authenticated as its bootstrap superuser, and PostgreSQL lets any
// statement on such a session go back to that user (SET/RESET SESSION AUTHORIZATION, DISCARD ALL,
// set_config('session_authorization', …)), however the statement is built. So every statement a
// non-superuser connection sends is parsed with PostgreSQL's own parser (libpg_query) and refused
// before PGlite sees it when anything in its tree could reach that switch: the switch itself, SQL
// built or run at run time (DO, new functions, aggregates and operators, the built-ins that run
// SQL given as text), or a change of how PostgreSQL splits text into tokens, which would let it
// read a statement where the parser here read a string. Text the parser refuses is passed on:
// PostgreSQL, lexing it the same way, refuses it too.
import { hasSqlDetails, loadModule, parseSync } from 'libpg-query';

/** Settings a non-superuser connection may not change: the switch, and the lexer's two inputs. */
const PINNED_SETTINGS = new Set(['session_authorization', 'standard_conforming_strings', 'client_encoding']);

/** Built-ins that plan or run SQL given to them as text, which no parse here can see into. */
const RUNS_TEXT_AS_SQL = new Set(['query_to_xml', 'query_to_xmlschema', 'query_to_xml_and_xmlschema', 'ts_stat']);

type Tree = Record<string, unknown>;

const stringConstant = (node: unknown): string | undefined => {
  const value = (node as { A_Const?: { sval?: { sval?: string } } } | undefined)?.A_Const?.sval;
  return value ? (value.sval ?? '') : undefined;
};

const lastName = (names: unknown): string | undefined => {
  const list = names as { String?: { sval?: string } }[] | undefined;
  return list?.at(-1)?.String?.sval;
};

/** Node type → why a statement holding it is refused, or undefined when the node is allowed. */
const CHECKS: Record<string, (node: Tree) => string | undefined> = {
  VariableSetStmt: (node) => {
    const name = String(node.name ?? '').toLowerCase();
    return PINNED_SETTINGS.has(name) ? `permission denied to set parameter "${name}"` : undefined;
  },
  DiscardStmt: (node) => (node.target === 'DISCARD_ALL' ? 'permission denied for DISCARD ALL' : undefined),
  DoStmt: () => 'permission denied for DO',
  CreateFunctionStmt: (node) => `permission denied to create a ${node.is_procedure ? 'procedure' : 'function'}`,
  AlterFunctionStmt: () => 'permission denied to alter a function',
  DefineStmt: (node) =>
    node.kind === 'OBJECT_AGGREGATE' || node.kind === 'OBJECT_OPERATOR'
      ? `permission denied to create an ${node.kind === 'OBJECT_AGGREGATE' ? 'aggregate' : 'operator'}`
      : undefined,
  FuncCall: (node) => {
    const name = lastName(node.funcname);
    const args = (node.args as unknown[] | undefined) ?? [];
    if (name === 'set_config') {
      const setting = stringConstant(args[0])?.toLowerCase();
      if (setting === undefined) return 'permission denied for set_config with a parameter name that is not a string constant';
      return PINNED_SETTINGS.has(setting) ? `permission denied to set parameter "${setting}"` : undefined;
    }
    if (name !== undefined && (RUNS_TEXT_AS_SQL.has(name) || (name === 'ts_rewrite' && args.length === 2))) {
      return `permission denied for ${name}: it runs SQL given as text`;
    }
    return undefined;
  },
};

function refusalIn(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = refusalIn(item);
      if (found) return found;
    }
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const found = CHECKS[key]?.(inner as Tree) ?? refusalIn(inner);
    if (found) return found;
  }
  return undefined;
}

/** The app sends the same few statements over and over; their verdicts are kept (texts up to 16 KiB). */
const CACHE_LIMIT = 1000;
const CACHED_TEXT_LIMIT = 16 * 1024;
const verdicts = new Map<string, string | null>();

/** Loads the parser (WebAssembly); the front door awaits it before it listens. */
export const loadStatementGuard = () => loadModule();

/**
 * Why `sql` must not run on a non-superuser connection, or undefined when it may. Verdicts by
 * statement text are cached, the oldest dropped first.
 */
export function refusalOf(sql: string): string | undefined {
  const cached = verdicts.get(sql);
  if (cached !== undefined) return cached ?? undefined;
  let verdict: string | undefined;
  try {
    verdict = refusalIn(parseSync(sql).stmts);
  } catch (error) {
    // A syntax error PostgreSQL raises too; anything else (a tree too deep to walk) is refused.
    verdict = hasSqlDetails(error) ? undefined : 'permission denied: the statement is too deeply nested to check';
  }
  if (sql.length <= CACHED_TEXT_LIMIT) {
    if (verdicts.size >= CACHE_LIMIT) verdicts.delete(verdicts.keys().next().value!);
    verdicts.set(sql, verdict ?? null);
  }
  return verdict;
}
