-- Lines billing hours read as a service, not as a place on the mind-map (issue 17): "Ny webbplats
-- 2027 › Designsystem" becomes "Designsystem – Ny webbplats 2027", the task first and the project
-- after it. The text stays the line's description, which the owner edits in place on the draft.
-- Hours on the client itself keep the client's title. Otherwise bill_time_entries() is as in
-- 20261201100100_billed_lines_follow_hours.sql (lines are still ordered by their place on the map).

create function private.service_text(node uuid) returns text
language sql stable security definer set search_path = ''
as $$
  with recursive up as (
    select n.id, n.parent_id, n.kind, n.title, 0 as depth from public.nodes n where n.id = node
    union all
    select n.id, n.parent_id, n.kind, n.title, up.depth + 1 from up join public.nodes n on n.id = up.parent_id
     where up.kind <> 'client'
  )
  select coalesce(pg_catalog.string_agg(nullif(pg_catalog.btrim(up.title), ''), ' – ' order by up.depth) filter (where up.kind <> 'client'),
                  max(up.title) filter (where up.kind = 'client'))
    from up
$$;
comment on function private.service_text(uuid) is 'What hours on a node are billed as: its title, then its parents'' below the client, joined with " – " (the client''s title for hours on the client).';
revoke execute on function private.service_text(uuid) from public;

create or replace function private.bill_time_entries(target uuid, entry_ids uuid[], per_entry boolean) returns integer
language plpgsql security definer set search_path = ''
as $$
declare
  inv public.invoices;
  wanted integer := coalesce(pg_catalog.cardinality(entry_ids), 0);
  found_count integer;
  next_position integer;
  added integer := 0;
  grp record;
  line_id uuid;
begin
  inv := private.lock_owned_invoice(target);
  if inv.status <> 'draft' then
    raise exception 'invoice_not_draft' using errcode = '55000';
  end if;
  if wanted = 0 then return 0; end if;

  -- Locked first, so a parallel billing of the same hours waits and then finds them billed.
  perform 1 from public.time_entries e where e.id = any (entry_ids) for update;
  select count(*) into found_count
    from public.time_entries e
   where e.id = any (entry_ids) and e.workspace_id = inv.workspace_id and e.invoice_line_id is null and e.billable
     and private.client_of_node(e.node_id) = inv.client_node_id;
  if found_count <> (select count(distinct x) from pg_catalog.unnest(entry_ids) x) then
    raise exception 'time_entry_not_billable' using errcode = '23514',
      detail = 'Every entry must be an unbilled, billable entry of the invoice''s client in this workspace.';
  end if;

  select coalesce(max(l.position), 0) + 1 into next_position from public.invoice_lines l where l.invoice_id = inv.id;
  for grp in
    select pg_catalog.array_agg(b.id) as ids,
           case when per_entry then min(b.service) || ', ' || pg_catalog.to_char(min(b.entry_date), 'YYYY-MM-DD')
                  || coalesce(': ' || nullif(min(b.description), ''), '')
                else min(b.service) end as description,
           b.hourly_rate_ore as rate
      from (select e.*, private.node_path(e.node_id) as path, private.service_text(e.node_id) as service
              from public.time_entries e where e.id = any (entry_ids)) b
     group by b.node_id, b.hourly_rate_ore, case when per_entry then b.id end
     order by min(b.path), b.hourly_rate_ore, min(b.entry_date)
  loop
    insert into public.invoice_lines (workspace_id, invoice_id, position, description, quantity, unit, unit_price_ore, vat_rate)
      values (inv.workspace_id, inv.id, next_position, left(pg_catalog.btrim(private.single_line(grp.description)), 500), 0.01, 'h',
              grp.rate, case when inv.reverse_charge then 0 else 25 end)
      returning id into line_id;
    update public.time_entries e set invoice_line_id = line_id where e.id = any (grp.ids);
    next_position := next_position + 1;
    added := added + 1;
  end loop;
  return added;
end
$$;
