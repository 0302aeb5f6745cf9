-- A line that bills time entries always equals them. Seen: a 3 h entry on a draft was edited to
-- 4 h, the draft was sent, and the invoice billed 3 h while the locked entry said 4 h. While the
-- invoice is a draft, the line now follows every edit of its entries (minutes, hourly rate,
-- date: the supply period widens); what cannot follow is refused with its own code: hours of one
-- line at two rates, an entry moved to another node, or billed onto another client's invoice.
-- A line's quantity and price cannot be typed over while it bills hours. send_invoice() checks
-- the equality once more (private.line_matches_hours) before numbering.

-- What the line billing these entries must say: hours to two decimals (at least 0.01) at the
-- entries' one hourly rate. Null quantity when no entry points at the line.
create function private.hours_of_line(line uuid, out quantity numeric, out unit_price_ore bigint, out rates integer)
language sql stable security definer set search_path = ''
as $$
  select case when count(*) > 0 then greatest(round(sum(e.minutes) / 60.0, 2), 0.01) end, min(e.hourly_rate_ore), count(distinct e.hourly_rate_ore)::integer
    from public.time_entries e where e.invoice_line_id = line
$$;
comment on function private.hours_of_line(uuid) is 'Quantity (hours, 2 decimals, min 0.01), hourly rate and number of distinct rates of the entries a line bills.';
revoke execute on function private.hours_of_line(uuid) from public;

create function private.line_matches_hours(line uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select h.quantity is null or (h.rates = 1 and l.quantity = h.quantity and l.unit_price_ore = h.unit_price_ore)
    from public.invoice_lines l, private.hours_of_line(l.id) h where l.id = line
$$;
comment on function private.line_matches_hours(uuid) is 'True when the line bills no hours, or its quantity and unit price equal the hours it bills.';
revoke execute on function private.line_matches_hours(uuid) from public;

-- Brings a draft's line in step with its entries; a line whose last entry left it goes (it
-- existed only to bill them). Lines of sent invoices are never touched (they are locked anyway).
create function private.sync_line_to_hours(line uuid) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  h record;
begin
  if not exists (select 1 from public.invoice_lines l join public.invoices i on i.id = l.invoice_id
                  where l.id = line and i.status = 'draft') then
    return;
  end if;
  select * into h from private.hours_of_line(line);
  if h.quantity is null then
    delete from public.invoice_lines l where l.id = line;
  elsif h.rates > 1 then
    raise exception 'time_entries_line_one_rate' using errcode = '23514', constraint = 'time_entries_line_one_rate',
      table = 'time_entries', column = 'hourly_rate_ore',
      detail = 'Hours billed on one invoice line share one hourly rate; take the entry off the draft to change its rate.';
  else
    perform pg_catalog.set_config('konsultverkstad.syncing_line', line::text, true);
    update public.invoice_lines l set quantity = h.quantity, unit_price_ore = h.unit_price_ore
      where l.id = line and (l.quantity, l.unit_price_ore) is distinct from (h.quantity, h.unit_price_ore);
    perform pg_catalog.set_config('konsultverkstad.syncing_line', '', true);
  end if;
end
$$;
revoke execute on function private.sync_line_to_hours(uuid) from public;

create function private.time_entries_follow_line() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  inv public.invoices;
begin
  if tg_op <> 'DELETE' and new.invoice_line_id is not null then
    select i.* into inv from public.invoices i join public.invoice_lines l on l.invoice_id = i.id where l.id = new.invoice_line_id;
    if inv.status = 'draft' then
      if tg_op = 'UPDATE' and old.invoice_line_id is not distinct from new.invoice_line_id and new.node_id <> old.node_id then
        raise exception 'time_entries_billed_on_draft' using errcode = '55000', constraint = 'time_entries_billed_on_draft',
          table = 'time_entries', column = 'node_id',
          detail = 'Hours on a draft invoice stay on their node; take them off the draft first.';
      end if;
      if (tg_op = 'INSERT' or old.invoice_line_id is distinct from new.invoice_line_id)
         and private.client_of_node(new.node_id) is distinct from inv.client_node_id then
        raise exception 'time_entry_not_billable' using errcode = '23514',
          detail = 'Every entry must be an unbilled, billable entry of the invoice''s client in this workspace.';
      end if;
      -- The supply period covers every billed day.
      update public.invoices i set period_start = least(i.period_start, new.entry_date), period_end = greatest(i.period_end, new.entry_date)
        where i.id = inv.id and (i.period_start is null or i.period_end is null
                                 or new.entry_date not between i.period_start and i.period_end);
    end if;
    perform private.sync_line_to_hours(new.invoice_line_id);
  end if;
  if tg_op <> 'INSERT' and old.invoice_line_id is not null
     and (tg_op = 'DELETE' or old.invoice_line_id is distinct from new.invoice_line_id) then
    perform private.sync_line_to_hours(old.invoice_line_id);
  end if;
  return null;
end
$$;
create trigger time_entries_follow_line after insert or update or delete on public.time_entries
  for each row execute function private.time_entries_follow_line();

-- Typing over a billed line's quantity or price is refused (sync_line_to_hours marks its own
-- update). Named to run after invoice_lines_guard, so a sent line reports its immutability.
create function private.invoice_lines_follow_hours() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  h record;
begin
  if pg_catalog.current_setting('konsultverkstad.syncing_line', true) is distinct from new.id::text then
    select * into h from private.hours_of_line(new.id);
    if h.quantity is not null then
      raise exception 'invoice_lines_follow_hours' using errcode = '55000', constraint = 'invoice_lines_follow_hours',
        table = 'invoice_lines', column = 'quantity',
        detail = 'This line bills hours: change the hours, or take them off the draft.';
    end if;
  end if;
  return new;
end
$$;
create trigger invoice_lines_match_hours before update of quantity, unit_price_ore on public.invoice_lines
  for each row when (new.quantity is distinct from old.quantity or new.unit_price_ore is distinct from old.unit_price_ore)
  execute function private.invoice_lines_follow_hours();

-- Billing: each group becomes a line, and linking its entries sets the line's hours through the
-- trigger above, so there is one computation of what a line of hours says. Descriptions built
-- from node titles and entry texts are made single-line.
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
           case when per_entry then min(b.path) || ', ' || pg_catalog.to_char(min(b.entry_date), 'YYYY-MM-DD')
                  || coalesce(': ' || nullif(min(b.description), ''), '')
                else min(b.path) end as description,
           b.hourly_rate_ore as rate
      from (select e.*, private.node_path(e.node_id) as path from public.time_entries e where e.id = any (entry_ids)) b
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

-- Drafts billed before this migration may already be out of step: they follow their hours now.
do $$
declare
  line uuid;
begin
  for line in select l.id from public.invoice_lines l join public.invoices i on i.id = l.invoice_id
               where i.status = 'draft' and exists (select 1 from public.time_entries e where e.invoice_line_id = l.id)
                 and (select h.rates from private.hours_of_line(l.id) h) = 1 loop
    perform private.sync_line_to_hours(line);
  end loop;
end
$$;
