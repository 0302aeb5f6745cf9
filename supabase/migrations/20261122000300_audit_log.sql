-- Append-only audit trail (Bokföringslagen, and the privacy notice's promise): one row per
-- insert/update/delete on every table holding user data, written by triggers, hash-chained per
-- workspace so a row changed or removed behind the app's back is found by verify_audit_chain().
--
-- Chain: content_hash = sha256 of the row's content (who, what, when, old -> new);
-- row_hash = sha256(workspace:seq || prev_hash || content_hash). Anonymisation (retention, after
-- 24 months) may clear actor and values but keeps content_hash, so the chain still verifies; the
-- content of anonymised rows is no longer checked against content_hash (there is none left).

create table public.audit_log (
  id bigint generated always as identity primary key,
  workspace_id uuid not null,
  seq bigint not null,
  occurred_at timestamptz not null default now(),
  actor_id uuid,
  actor_role text,
  table_name text not null,
  row_id text not null,
  action text not null constraint audit_log_action_valid check (action in ('insert', 'update', 'delete')),
  old_values jsonb,
  new_values jsonb,
  content_hash bytea not null,
  prev_hash bytea,
  row_hash bytea not null,
  anonymised_at timestamptz,
  constraint audit_log_workspace_seq_unique unique (workspace_id, seq)
);
comment on table public.audit_log is 'Append-only trail of every write on user data, per workspace, hash-chained. Written by triggers only; UPDATE/DELETE refused for every role except the retention path (private.anonymise_audit_log).';
comment on column public.audit_log.workspace_id is 'Tenant the row belongs to; no foreign key so the trail outlives deleted rows.';
comment on column public.audit_log.seq is 'Position in the workspace''s chain, 1, 2, 3… without gaps.';
comment on column public.audit_log.actor_id is 'auth.uid() of the writer; null for platform writes and after anonymisation.';
comment on column public.audit_log.row_id is 'Primary key of the changed row (text; composite keys joined with /).';
comment on column public.audit_log.old_values is 'Insert: null. Update: the changed columns'' old values. Delete: the whole old row. Redacted columns show "[redacted]".';
comment on column public.audit_log.new_values is 'Insert: the whole new row. Update: the changed columns'' new values. Delete: null.';
comment on column public.audit_log.content_hash is 'sha256 of private.audit_content(...) at write time; kept by anonymisation.';
comment on column public.audit_log.prev_hash is 'row_hash of the previous row (seq - 1) of the same workspace; null for seq 1.';
comment on column public.audit_log.row_hash is 'sha256(workspace_id:seq || prev_hash || content_hash).';
comment on column public.audit_log.anonymised_at is 'Set by the retention job when actor and values were cleared.';

create index audit_log_occurred_at_idx on public.audit_log (occurred_at);

-- The head of each workspace's chain; its row lock serialises appends per workspace.
create table private.audit_heads (
  workspace_id uuid primary key,
  last_seq bigint not null,
  last_hash bytea not null
);
comment on table private.audit_heads is 'Last seq and row_hash per workspace: appends lock this row; verification compares the tail against it.';

alter table public.audit_log enable row level security;
create policy audit_log_select on public.audit_log for select to authenticated
  using (workspace_id in (select private.my_owned_workspaces()));
-- Only the trigger (definer) inserts; nobody else writes.
revoke insert, update, delete, truncate on public.audit_log from anon, authenticated, service_role;

-- The hashed content; epoch microseconds keep it independent of the session's TimeZone.
create function private.audit_content(
  workspace_id uuid, seq bigint, occurred_at timestamptz, actor_id uuid, actor_role text,
  table_name text, row_id text, action text, old_values jsonb, new_values jsonb
) returns bytea
language sql immutable set search_path = ''
as $$
  select pg_catalog.sha256(pg_catalog.convert_to(pg_catalog.jsonb_build_object(
    'workspace_id', workspace_id, 'seq', seq,
    'occurred_at_us', (extract(epoch from occurred_at) * 1000000)::bigint,
    'actor_id', actor_id, 'actor_role', actor_role, 'table_name', table_name, 'row_id', row_id,
    'action', action, 'old_values', old_values, 'new_values', new_values)::text, 'UTF8'))
$$;

create function private.audit_row_hash(workspace_id uuid, seq bigint, prev_hash bytea, content_hash bytea) returns bytea
language sql immutable set search_path = ''
as $$
  select pg_catalog.sha256(pg_catalog.convert_to(workspace_id::text || ':' || seq::text, 'UTF8')
    || coalesce(prev_hash, '\x'::bytea) || content_hash)
$$;

-- Trigger arguments: first the primary-key columns (comma-separated), then columns to redact.
create function private.audit_row() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  old_row jsonb := case when tg_op in ('UPDATE', 'DELETE') then pg_catalog.to_jsonb(old) end;
  new_row jsonb := case when tg_op in ('INSERT', 'UPDATE') then pg_catalog.to_jsonb(new) end;
  any_row jsonb := coalesce(new_row, old_row);
  key_columns text[] := pg_catalog.string_to_array(tg_argv[0], ',');
  redacted text[] := coalesce(tg_argv[1:], '{}');
  ws uuid;
  rid text;
  old_diff jsonb;
  new_diff jsonb;
  col text;
  at timestamptz := pg_catalog.now();
  actor uuid := auth.uid();
  actor_role text := coalesce(auth.role(), session_user::text);
  next_seq bigint;
  prev bytea;
  content bytea;
begin
  ws := case when tg_table_name = 'workspaces' then (any_row ->> 'id')::uuid else (any_row ->> 'workspace_id')::uuid end;
  select pg_catalog.string_agg(any_row ->> k, '/' order by ord) into rid
    from pg_catalog.unnest(key_columns) with ordinality as u(k, ord);

  if tg_op = 'INSERT' then
    new_diff := new_row;
  elsif tg_op = 'DELETE' then
    old_diff := old_row;
  else
    old_diff := '{}';
    new_diff := '{}';
    for col in select k from pg_catalog.jsonb_object_keys(new_row) as k loop
      if col <> 'updated_at' and (new_row -> col) is distinct from (old_row -> col) then
        old_diff := old_diff || pg_catalog.jsonb_build_object(col, old_row -> col);
        new_diff := new_diff || pg_catalog.jsonb_build_object(col, new_row -> col);
      end if;
    end loop;
  end if;
  foreach col in array redacted loop
    if old_diff ? col then old_diff := old_diff || pg_catalog.jsonb_build_object(col, '[redacted]'); end if;
    if new_diff ? col then new_diff := new_diff || pg_catalog.jsonb_build_object(col, '[redacted]'); end if;
  end loop;

  insert into private.audit_heads as h (workspace_id, last_seq, last_hash) values (ws, 0, '\x')
    on conflict (workspace_id) do nothing;
  select h.last_seq + 1, nullif(h.last_hash, '\x'::bytea) into next_seq, prev
    from private.audit_heads h where h.workspace_id = ws for update;

  content := private.audit_content(ws, next_seq, at, actor, actor_role, tg_table_name, rid,
    pg_catalog.lower(tg_op), old_diff, new_diff);
  insert into public.audit_log (workspace_id, seq, occurred_at, actor_id, actor_role, table_name, row_id, action,
      old_values, new_values, content_hash, prev_hash, row_hash)
    values (ws, next_seq, at, actor, actor_role, tg_table_name, rid, pg_catalog.lower(tg_op),
      old_diff, new_diff, content, prev, private.audit_row_hash(ws, next_seq, prev, content));
  update private.audit_heads h
    set last_seq = next_seq, last_hash = private.audit_row_hash(ws, next_seq, prev, content)
    where h.workspace_id = ws;
  return null;
end
$$;

-- Append-only: UPDATE/DELETE/TRUNCATE refused for every role, table owner included, except
-- anonymisation by private.anonymise_audit_log(), which sets a transaction-local flag.
create function private.audit_log_guard() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' and pg_catalog.current_setting('konsultverkstad.audit_retention', true) = 'on'
     and (pg_catalog.to_jsonb(new) - array['actor_id', 'actor_role', 'old_values', 'new_values', 'anonymised_at'])
       = (pg_catalog.to_jsonb(old) - array['actor_id', 'actor_role', 'old_values', 'new_values', 'anonymised_at'])
     and new.anonymised_at is not null then
    return new;
  end if;
  raise exception 'audit_log_append_only' using errcode = '42501',
    detail = 'The audit log is append-only; rows are never updated or deleted.';
end
$$;
create trigger audit_log_append_only before update or delete on public.audit_log
  for each row execute function private.audit_log_guard();
create trigger audit_log_no_truncate before truncate on public.audit_log
  for each statement execute function private.audit_log_guard();

-- Retention (privacy notice: activity logs anonymised after 24 months). Owned by the migration
-- role and executable by nobody else: no grant to anon, authenticated or service_role.
create function private.anonymise_audit_log(older_than timestamptz) returns bigint
language plpgsql security definer set search_path = ''
as $$
declare
  n bigint;
begin
  perform pg_catalog.set_config('konsultverkstad.audit_retention', 'on', true);
  update public.audit_log
    set actor_id = null, actor_role = null, old_values = null, new_values = null, anonymised_at = pg_catalog.now()
    where occurred_at < older_than and anonymised_at is null;
  get diagnostics n = row_count;
  perform pg_catalog.set_config('konsultverkstad.audit_retention', 'off', true);
  return n;
end
$$;
comment on function private.anonymise_audit_log(timestamptz) is 'Retention job: clears actor and values of audit rows older than the cutoff; hashes stay so the chain verifies. Not executable by API roles.';

-- Verification walks the chain in order and returns the first broken row (no rows: intact).
create function private.verify_audit_chain(target_workspace uuid)
returns table (id bigint, seq bigint, reason text)
language plpgsql stable security definer set search_path = ''
as $$
declare
  r record;
  expected_seq bigint := 1;
  prev bytea := null;
  head record;
begin
  -- API callers must own the workspace; the operator (no API role) may check any.
  if pg_catalog.current_setting('role') in ('anon', 'authenticated')
     and target_workspace not in (select private.my_owned_workspaces()) then
    raise exception 'not_workspace_owner' using errcode = '42501';
  end if;
  for r in select a.* from public.audit_log a where a.workspace_id = target_workspace order by a.seq loop
    if r.seq <> expected_seq then
      return query select r.id, r.seq, 'seq_gap'::text; return;
    end if;
    if r.prev_hash is distinct from prev then
      return query select r.id, r.seq, 'prev_hash_mismatch'::text; return;
    end if;
    if r.anonymised_at is null and r.content_hash <> private.audit_content(r.workspace_id, r.seq, r.occurred_at,
         r.actor_id, r.actor_role, r.table_name, r.row_id, r.action, r.old_values, r.new_values) then
      return query select r.id, r.seq, 'content_changed'::text; return;
    end if;
    if r.row_hash <> private.audit_row_hash(r.workspace_id, r.seq, r.prev_hash, r.content_hash) then
      return query select r.id, r.seq, 'row_hash_mismatch'::text; return;
    end if;
    prev := r.row_hash;
    expected_seq := expected_seq + 1;
  end loop;
  select h.last_seq, h.last_hash into head from private.audit_heads h where h.workspace_id = target_workspace;
  if found and (head.last_seq <> expected_seq - 1 or head.last_hash is distinct from coalesce(prev, '\x'::bytea)) then
    return query select null::bigint, head.last_seq, 'tail_missing'::text;
  end if;
end
$$;
grant execute on function private.verify_audit_chain(uuid) to authenticated, service_role;

create function public.verify_audit_chain(target_workspace uuid)
returns table (id bigint, seq bigint, reason text)
language sql stable security invoker set search_path = ''
as $$
  select * from private.verify_audit_chain(target_workspace)
$$;
comment on function public.verify_audit_chain(uuid) is 'First broken row of a workspace''s audit chain (id, seq, reason), or no row when the chain is intact. Owners and the operator may call it.';
grant execute on function public.verify_audit_chain(uuid) to authenticated, service_role;

create trigger workspaces_audit after insert or update or delete on public.workspaces
  for each row execute function private.audit_row('id');
create trigger workspace_members_audit after insert or update or delete on public.workspace_members
  for each row execute function private.audit_row('workspace_id,user_id');
create trigger business_profiles_audit after insert or update or delete on public.business_profiles
  for each row execute function private.audit_row('workspace_id');
