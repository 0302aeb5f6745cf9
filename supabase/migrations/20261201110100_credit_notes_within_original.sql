-- Credit notes never credit more than remains of the original (issue 12, item 4): a credit note
-- of -125 125 kr was accepted against a 125 kr invoice. Per original line (amount and quantity)
-- and in total, what sent credit notes and this one credit stays within the original. Checked
-- when a credit-note draft's lines are written (net amounts) and again when it is sent (with
-- VAT), under the original's row lock so concurrent credit notes queue and see each other.
-- create_credit_note() now credits what remains of each line rather than skipping any line
-- another credit note touched.

create function private.check_credit_within_original(note uuid, note_total bigint) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  original public.invoices;
  credited_net bigint;
  credited_total bigint;
begin
  select o.* into original from public.invoices n join public.invoices o on o.id = n.credits_invoice_id where n.id = note;
  if not found then
    return;
  end if;
  perform 1 from public.invoices o where o.id = original.id for update;

  if exists (select 1 from public.invoice_lines c
              where c.invoice_id = note and c.credits_line_id is not null
                and not exists (select 1 from public.invoice_lines l where l.id = c.credits_line_id and l.invoice_id = original.id)) then
    raise exception 'credit_note_line_not_on_invoice' using errcode = '23503', constraint = 'invoice_lines_credits_original_line',
      table = 'invoice_lines', column = 'credits_line_id';
  end if;

  -- What remains of each line after the sent credit notes and this one lies between 0 and the line.
  if exists (
    select 1
      from public.invoice_lines l
      join lateral (select coalesce(sum(c.amount_ore), 0) as amount, coalesce(sum(c.quantity), 0) as quantity
                      from public.invoice_lines c join public.invoices ci on ci.id = c.invoice_id
                     where c.credits_line_id = l.id and (ci.id = note or ci.status <> 'draft')) cr on true
     where l.invoice_id = original.id
       and l.id in (select c.credits_line_id from public.invoice_lines c where c.invoice_id = note)
       and (l.amount_ore + cr.amount not between least(0, l.amount_ore) and greatest(0, l.amount_ore)
            or l.quantity + cr.quantity not between least(0, l.quantity) and greatest(0, l.quantity))) then
    raise exception 'credit_note_exceeds_line' using errcode = '23514', constraint = 'invoice_lines_credit_within_line',
      table = 'invoice_lines', column = 'quantity',
      detail = 'A credit-note line credits at most what remains uncredited of the original line.';
  end if;

  select coalesce(sum(l.amount_ore), 0) into credited_net
    from public.invoice_lines l join public.invoices ci on ci.id = l.invoice_id
   where ci.credits_invoice_id = original.id and (ci.id = note or ci.status <> 'draft');
  select coalesce(sum(ci.total_ore), 0) + coalesce(note_total, 0) into credited_total
    from public.invoices ci where ci.credits_invoice_id = original.id and ci.status <> 'draft' and ci.id <> note;
  if original.net_ore + credited_net < 0 or (note_total is not null and original.total_ore + credited_total < 0) then
    raise exception 'credit_note_exceeds_original' using errcode = '23514', constraint = 'invoices_credit_within_original',
      table = 'invoices', column = 'total_ore',
      detail = pg_catalog.format('Remaining to credit: %s öre.', original.total_ore - original.credited_ore);
  end if;
end
$$;
comment on function private.check_credit_within_original(uuid, bigint) is 'Refuses a credit note whose lines or total (note_total at send; net amounts while a draft) exceed what remains uncredited of the original.';
revoke execute on function private.check_credit_within_original(uuid, bigint) from public;

create function private.invoice_lines_credit_within_original() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if exists (select 1 from public.invoices i where i.id = new.invoice_id and i.kind = 'credit_note' and i.status = 'draft') then
    perform private.check_credit_within_original(new.invoice_id, null);
  end if;
  return null;
end
$$;
create trigger invoice_lines_credit_within_original after insert or update on public.invoice_lines
  for each row execute function private.invoice_lines_credit_within_original();

create function private.invoices_credit_within_original() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.check_credit_within_original(new.id, new.total_ore);
  return new;
end
$$;
create trigger invoices_credit_within_original before update of status on public.invoices
  for each row when (new.kind = 'credit_note' and old.status = 'draft' and new.status <> 'draft')
  execute function private.invoices_credit_within_original();

-- A draft credit note of what remains of the chosen lines (all when null). Lines already on
-- another draft credit note, or fully credited by sent ones, are left out.
create or replace function private.create_credit_note(target uuid, line_ids uuid[]) returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  inv public.invoices;
  note_id uuid;
  added integer;
begin
  inv := private.lock_owned_invoice(target);
  if inv.kind <> 'invoice' or inv.status not in ('sent', 'partly_paid', 'paid') then
    raise exception 'invoice_not_creditable' using errcode = '55000';
  end if;
  if line_ids is not null and exists (select 1 from pg_catalog.unnest(line_ids) x(id)
       where not exists (select 1 from public.invoice_lines l where l.id = x.id and l.invoice_id = inv.id)) then
    raise exception 'credit_note_line_not_on_invoice' using errcode = '23503';
  end if;

  insert into public.invoices (workspace_id, kind, credits_invoice_id, client_node_id, supply_date, period_start,
      period_end, reverse_charge, message)
    values (inv.workspace_id, 'credit_note', inv.id, inv.client_node_id, inv.supply_date, inv.period_start,
      inv.period_end, inv.reverse_charge, 'Kreditering av faktura ' || inv.number)
    returning id into note_id;
  insert into public.invoice_lines (workspace_id, invoice_id, position, description, quantity, unit, unit_price_ore,
      vat_rate, credits_line_id)
    select inv.workspace_id, note_id, r.position, r.description, -r.remaining, r.unit, r.unit_price_ore, r.vat_rate, r.id
      from (select l.*, l.quantity + coalesce((select sum(c.quantity) from public.invoice_lines c
                                                 join public.invoices ci on ci.id = c.invoice_id
                                                where c.credits_line_id = l.id and ci.status <> 'draft'), 0) as remaining
              from public.invoice_lines l
             where l.invoice_id = inv.id and (line_ids is null or l.id = any (line_ids))
               and not exists (select 1 from public.invoice_lines c join public.invoices ci on ci.id = c.invoice_id
                                where c.credits_line_id = l.id and ci.status = 'draft')) r
     where r.remaining <> 0;
  get diagnostics added = row_count;
  -- Nothing left to credit: the statement fails whole, the empty draft with it.
  if added = 0 then
    raise exception 'invoice_already_credited' using errcode = '55000';
  end if;
  insert into public.invoice_events (workspace_id, invoice_id, event, actor_id, details)
    values (inv.workspace_id, inv.id, 'credit_note_created', auth.uid(), pg_catalog.jsonb_build_object('credit_note_id', note_id));
  return note_id;
end
$$;
