// THE request context for server actions, route handlers and server components: the verified
// claims, the user's language, the active workspace and role, and the request's one transaction
// (lib/request/transaction.ts). Who may make the request is declared as `access` and checked in
// the database (private.open_request, in the transaction's opening round trip) before the
// handler runs, so no email, Storage write or job happens for someone the database would refuse:
//   'public'  – anyone, signed in or not (sign-in, sign-up, password reset request);
//   'account' – a signed-in user acting on their own account (language, password, deletion,
//               accepting an invitation, switching workspace, their data export);
//   'member'  – a member of the active workspace, owner or accountant (RLS decides what they see);
//   'owner'   – the owner of the active workspace.
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getVerifiedClaims, type VerifiedClaims } from '@/lib/auth/claims';
import { SECOND_STEP_PATH } from '@/lib/auth/second-factor';
import type { ActiveWorkspace, Frame, Tx } from '@/lib/db/transaction';
import type { Locale, MessageKey, Translate } from '@/lib/i18n/catalogue';
import { getTranslator } from '@/lib/i18n/server';
import { RequestTransaction, type RequestTransactionOptions } from './transaction';

export type Access = 'public' | 'account' | 'member' | 'owner';

/** A refusal the request answers with: an HTTP status and a message (and the field it concerns). */
export class Refused extends Error {
  constructor(
    readonly status: number,
    readonly key: MessageKey,
    readonly params?: Record<string, string | number>,
    readonly field?: string,
    /** A machine-readable reason the browser acts on (the import's). */
    readonly reason?: string,
  ) {
    super(key);
  }
}

export interface RequestContext<A extends Access = Access> {
  claims: A extends 'public' ? VerifiedClaims | null : VerifiedClaims;
  /** The active workspace, confirmed by the database for 'member' and 'owner' requests. */
  workspace: A extends 'owner' | 'member' ? ActiveWorkspace : ActiveWorkspace | null;
  locale: Locale;
  t: Translate;
  /** Runs fn in the request's transaction (see lib/request/transaction.ts). */
  tx<T>(fn: (tx: Tx, workspace: ActiveWorkspace | null) => Promise<T>): Promise<T>;
  /** Ends the request's transaction (commit); called by the wrappers when the request is done. */
  end(commit?: boolean): Promise<void>;
}

export interface ContextOptions<A extends Access> extends Pick<RequestTransactionOptions, 'unscoped' | 'frame'> {
  access: A;
}

/** The refusal for a workspace that is not the user's to act in this way. */
function checkRole(access: Access, workspace: ActiveWorkspace | null): ActiveWorkspace | null {
  if (access === 'owner' && workspace?.role !== 'owner') throw new Refused(403, 'errors.forbidden');
  if (access === 'member' && !workspace) throw new Refused(403, 'errors.forbidden');
  return workspace;
}

/** Builds the context of an action or route request; throws Refused when access is not met. */
export async function createRequestContext<A extends Access>(options: ContextOptions<A>): Promise<RequestContext<A>> {
  const { locale, t } = await getTranslator();
  const claims = await getVerifiedClaims();
  if (options.access !== 'public' && !claims) throw new Refused(401, 'errors.sessionExpired');
  const transaction = claims ? new RequestTransaction(claims, options) : null;
  let workspace: ActiveWorkspace | null = null;
  if (transaction && options.access !== 'public') {
    // A session below aal2 may owe its second factor; the database says so in the opening round
    // trip (an aal2 session never does, so an account request that reads nothing opens nothing).
    const needsOpening = options.access !== 'account' || claims!.aal !== 'aal2';
    const opened = needsOpening ? await transaction.opened() : null;
    if (opened?.secondFactorDue) throw new Refused(403, 'db.secondFactorRequired');
    if (options.access === 'owner' || options.access === 'member') workspace = checkRole(options.access, opened!.workspace);
  }
  return {
    claims: claims as RequestContext<A>['claims'],
    workspace: workspace as RequestContext<A>['workspace'],
    locale,
    t,
    tx: (fn) => {
      if (!transaction) throw new Refused(401, 'errors.sessionExpired');
      return transaction.run(fn);
    },
    end: async (commit = true) => transaction?.end(commit),
  };
}

/**
 * Runs fn with a fresh request context and ends its transaction afterwards: committed when fn
 * returns, and also when fn throws outside a use of the transaction (a redirect after a saved
 * form; a use that threw has rolled back already).
 */
export async function inRequest<A extends Access, T>(options: ContextOptions<A>, fn: (ctx: RequestContext<A>) => Promise<T>): Promise<T> {
  const ctx = await createRequestContext(options);
  let result: T;
  try {
    result = await fn(ctx);
  } catch (error) {
    await ctx.end().catch(() => undefined);
    throw error;
  }
  await ctx.end();
  return result;
}

/** The request's transaction, as functions that only need to run queries take it. */
export type RequestTx = RequestContext['tx'];

/** Runs fn in the page request's transaction (server components; see pageContext). */
export async function pageTx<T>(fn: (tx: Tx, workspace: ActiveWorkspace | null) => Promise<T>): Promise<T> {
  return (await pageContext()).tx(fn);
}

export interface PageContext extends RequestContext<'account'> {
  /** The frame's data (memberships, pending deletion), read in the transaction's opening round trip. */
  frame(): Promise<Frame & { workspace: ActiveWorkspace | null }>;
}

// One context per request, keyed by the request's headers object (Next hands every component of a
// request the same one; so does tests/support/next-request.ts), so layout, shell and page share it
// and its transaction. React's cache() would do the same in Next but is a no-op outside it.
const pageContexts = new WeakMap<Headers, Promise<PageContext>>();

/** The signed-in user's context in server components; signed-out visitors go to /login. */
export async function pageContext(): Promise<PageContext> {
  const key = await headers();
  let context = pageContexts.get(key);
  if (!context) {
    context = openPageContext();
    pageContexts.set(key, context);
  }
  return context;
}

/**
 * The page context on a page only the owner may open (the map, time, import, a new invoice, the
 * business profile): an accountant, or a user with no workspace at all, is sent to the page that
 * says why. The role comes from the transaction's opening round trip, so this costs no query.
 */
export async function ownerPageContext(): Promise<PageContext> {
  const ctx = await pageContext();
  if ((await ctx.frame()).workspace?.role !== 'owner') redirect(NO_ACCESS_PAGE);
  return ctx;
}

/** Where a user lands who may not be where they are (app/(app)/ingen-atkomst). */
export const NO_ACCESS_PAGE = '/ingen-atkomst';

async function openPageContext(): Promise<PageContext> {
  const claims = await getVerifiedClaims();
  if (!claims) redirect('/login');
  const { locale, t } = await getTranslator();
  const transaction = new RequestTransaction(claims, { frame: true });
  // A session that owes its second factor sees no row (RLS): every page shows the second step
  // instead. The opening round trip says so, at the page's first read.
  const secondStepGate = async () => {
    if ((await transaction.opened()).secondFactorDue) redirect(SECOND_STEP_PATH);
  };
  return {
    claims,
    workspace: null,
    locale,
    t,
    tx: async (fn) => {
      await secondStepGate();
      return transaction.run(fn);
    },
    end: (commit = true) => transaction.end(commit),
    frame: async () => {
      await secondStepGate();
      const opened = await transaction.opened();
      return { ...opened.frame!, workspace: opened.workspace };
    },
  };
}
