-- The audit chain's head is written once per transaction, at commit, instead of on every audited
-- write. Each write used to update the workspace's one private.audit_heads row; inside one
-- transaction those row versions cannot be pruned, so every later write walked all of them: a
-- bank booking of 10 000 payments (about six audited rows each) slowed quadratically
-- (bench/audit-chain.ts: 1 000 writes 200 µs each, 10 000 writes 436 µs each; now 165 and 163 µs).
-- Now a write locks the head as before (appends stay serialised per workspace) and continues the
-- chain from the transaction's own newest row (audit_log's (workspace_id, seq) index); the first
-- write of a transaction marks the head, and a deferred trigger moves it to the tail once, when
-- the transaction commits. Verification is unchanged: it still compares the tail with the head.

create or replace function private.audit_row() returns trigger
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
  prev_seq bigint;
  tail_seq bigint;
  tail_hash bytea;
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
  -- The head's lock serialises appends. The chain goes on from the log's newest row when it is
  -- past the head (this transaction's own), else from the head: a tail deleted behind the app's
  -- back stays a gap instead of being written over.
  select h.last_seq, nullif(h.last_hash, '\x'::bytea) into prev_seq, prev
    from private.audit_heads h where h.workspace_id = ws for update;
  select a.seq, a.row_hash into tail_seq, tail_hash
    from public.audit_log a where a.workspace_id = ws order by a.seq desc limit 1;
  if tail_seq > prev_seq then
    prev_seq := tail_seq;
    prev := tail_hash;
  else
    -- The transaction's first row here: an update that changes nothing, whose deferred trigger
    -- (audit_heads_move_at_commit) moves the head to the tail at commit.
    update private.audit_heads h set last_seq = h.last_seq where h.workspace_id = ws;
  end if;
  next_seq := prev_seq + 1;

  content := private.audit_content(ws, next_seq, at, actor, actor_role, tg_table_name, rid,
    pg_catalog.lower(tg_op), old_diff, new_diff);
  insert into public.audit_log (workspace_id, seq, occurred_at, actor_id, actor_role, table_name, row_id, action,
      old_values, new_values, content_hash, prev_hash, row_hash)
    values (ws, next_seq, at, actor, actor_role, tg_table_name, rid, pg_catalog.lower(tg_op),
      old_diff, new_diff, content, prev, private.audit_row_hash(ws, next_seq, prev, content));
  return null;
end
$$;

-- At commit, the head of each workspace the transaction wrote to moves to the chain's tail. Its
-- own update fires it once more, and then it finds the head at the tail and does nothing. A
-- savepoint rolled back takes its rows and its pending move with it.
create function private.audit_head_to_tail() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  tail public.audit_log;
begin
  select * into tail from public.audit_log a where a.workspace_id = new.workspace_id order by a.seq desc limit 1;
  update private.audit_heads h set last_seq = tail.seq, last_hash = tail.row_hash
    where h.workspace_id = new.workspace_id and h.last_seq < tail.seq;
  return null;
end
$$;
revoke execute on function private.audit_head_to_tail() from public;

create constraint trigger audit_heads_move_at_commit after update on private.audit_heads
  deferrable initially deferred
  for each row execute function private.audit_head_to_tail();
comment on table private.audit_heads is 'Last seq and row_hash per workspace as of the last commit that wrote to its chain: appends lock this row, it moves to the tail at commit; verification compares the tail against it.';
