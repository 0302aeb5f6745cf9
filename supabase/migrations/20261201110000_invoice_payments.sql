-- Payments as records (issue 12, item 3). "Markera betald" set one date on the invoice, took a
-- date in the future and could not be undone. Now each payment is a row of invoice_payments:
-- amount, date (not after today in Stockholm, not before the issue date), method, reference;
-- several per invoice; a wrong one is undone by a reversing row, never by update or delete
-- (triggers, so for every role, table owner included; only a retention run deletes them, with
-- their invoice). The invoice's state (sent -> partly_paid -> paid, or credited) and its
-- paid_ore, credited_ore and paid_on follow from its payments and sent credit notes:
-- private.invoice_settlement() derives them, private.settle_invoice() writes them, and the
-- guard accepts a change of them only when it equals the derivation.

alter table public.invoices
  add column paid_ore bigint not null default 0,
  add column credited_ore bigint not null default 0 constraint invoices_credited_nonnegative check (credited_ore >= 0);
comment on column public.invoices.paid_ore is 'Sum of the invoice''s payments (reversals subtract), öre. Managed: follows invoice_payments.';
comment on column public.invoices.credited_ore is 'What sent credit notes credit of this invoice, as a non-negative amount in öre. Managed. Outstanding = total_ore - paid_ore - credited_ore (negative = overpaid).';
comment on column public.invoices.paid_on is 'The day the invoice became fully paid: the date of its latest unreversed payment once payments and credits cover the total. Managed.';

alter table public.invoices drop constraint invoices_status_valid;
alter table public.invoices add constraint invoices_status_valid
  check (status in ('draft', 'sent', 'partly_paid', 'paid', 'credited'));
comment on column public.invoices.status is 'draft -> sent; then follows payments and credit notes: partly_paid, paid, or credited when sent credit notes cover the whole total. A credit note stays sent.';
alter table public.invoices drop constraint invoices_paid_on_when_paid;
alter table public.invoices add constraint invoices_paid_on_when_paid
  check ((status = 'paid') <= (paid_on is not null) and (status in ('draft', 'sent', 'partly_paid') <= (paid_on is null)));

alter table public.invoice_events drop constraint invoice_events_event_valid;
alter table public.invoice_events add constraint invoice_events_event_valid
  check (event in ('sent', 'paid', 'credited', 'credit_note_created', 'pdf_archived', 'pdf_mismatch', 'emailed',
                   'payment_recorded', 'payment_reversed', 'hours_released'));

create table public.invoice_payments (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null,
  invoice_id uuid not null,
  amount_ore bigint not null,
  paid_on date not null,
  method text not null constraint invoice_payments_method_valid
    check (method in ('bankgiro', 'plusgiro', 'bank_transfer', 'card', 'other')),
  reference text constraint invoice_payments_reference_valid
    check (char_length(reference) between 1 and 140 and reference !~ '[[:cntrl:]]'),
  reverses_payment_id uuid,
  reason text constraint invoice_payments_reason_valid check (char_length(reason) between 1 and 500 and reason !~ '[[:cntrl:]]'),
  created_at timestamptz not null default now(),
  constraint invoice_payments_workspace_id_id_unique unique (workspace_id, id),
  constraint invoice_payments_invoice_same_workspace foreign key (workspace_id, invoice_id)
    references public.invoices (workspace_id, id) on delete cascade,
  constraint invoice_payments_reverses_same_workspace foreign key (workspace_id, reverses_payment_id)
    references public.invoice_payments (workspace_id, id) on delete cascade,
  constraint invoice_payments_reversed_once unique (reverses_payment_id),
  constraint invoice_payments_amount_positive check ((reverses_payment_id is null) = (amount_ore > 0)),
  constraint invoice_payments_reversal_reason check ((reverses_payment_id is null) = (reason is null))
);
comment on table public.invoice_payments is 'Payments received for sent invoices (partial payments allowed). Append-only for every role: a wrong payment is undone by a reversing row. Written through record_payment(), reverse_payment() and mark_invoice_paid().';
comment on column public.invoice_payments.amount_ore is 'Amount received in öre; negative only on a reversal, which is exactly minus the payment it reverses.';
comment on column public.invoice_payments.paid_on is 'The day the money arrived: not after today (Europe/Stockholm), not before the invoice''s issue date. On a reversal: the day it was reversed.';
comment on column public.invoice_payments.method is 'bankgiro, plusgiro, bank_transfer, card or other.';
comment on column public.invoice_payments.reference is 'The payer''s reference (OCR, message, transaction id) as shown by the bank.';
comment on column public.invoice_payments.reverses_payment_id is 'On a reversal: the payment it undoes (each payment at most once).';
comment on column public.invoice_payments.reason is 'Why the payment was reversed; required on a reversal, absent otherwise.';
create index invoice_payments_workspace_id_invoice_id_idx on public.invoice_payments (workspace_id, invoice_id, created_at);
create index invoice_payments_invoice_id_idx on public.invoice_payments (invoice_id);
create index invoice_payments_workspace_id_reverses_payment_id_idx on public.invoice_payments (workspace_id, reverses_payment_id);

alter table public.invoice_payments enable row level security;
-- Owner and accountant read; nobody writes directly (the functions below do).
create policy invoice_payments_select on public.invoice_payments for select to authenticated
  using (workspace_id in (select private.my_workspaces()));
create trigger invoice_payments_audit after insert or update or delete on public.invoice_payments
  for each row execute function private.audit_row('id');

-- What an invoice's state is, from its payments and sent credit notes.
create function private.invoice_settlement(target uuid)
returns table (status text, paid_ore bigint, credited_ore bigint, paid_on date)
language sql stable security definer set search_path = ''
as $$
  with inv as (
    select i.kind, i.status, i.total_ore from public.invoices i where i.id = target
  ), paid as (
    select coalesce(sum(p.amount_ore), 0)::bigint as ore,
           max(p.paid_on) filter (where p.amount_ore > 0
             and not exists (select 1 from public.invoice_payments r where r.reverses_payment_id = p.id)) as last_on
      from public.invoice_payments p where p.invoice_id = target
  ), credited as (
    select coalesce(-sum(c.total_ore), 0)::bigint as ore
      from public.invoices c where c.credits_invoice_id = target and c.status <> 'draft'
  ), settled as (
    select inv.*, paid.ore as paid, paid.last_on, credited.ore as credited,
           inv.kind = 'invoice' and inv.status <> 'draft' and paid.ore > 0 and paid.ore + credited.ore >= inv.total_ore as covered
      from inv, paid, credited
  )
  select case when s.status = 'draft' then 'draft'
              when s.kind = 'credit_note' then 'sent'
              when s.credited > 0 and s.credited >= s.total_ore then 'credited'
              when s.covered then 'paid'
              when s.paid > 0 then 'partly_paid'
              else 'sent' end,
         case when s.kind = 'invoice' then s.paid else 0 end,
         case when s.kind = 'invoice' then s.credited else 0 end,
         case when s.covered then s.last_on end
    from settled s
$$;
comment on function private.invoice_settlement(uuid) is 'The state, paid_ore, credited_ore and paid_on an invoice has given its payments and sent credit notes.';

-- Writes the derived state and records the transitions into paid and credited in the history.
create function private.settle_invoice(target uuid, cause jsonb) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  inv public.invoices;
  s record;
begin
  select * into inv from public.invoices i where i.id = target for update;
  select * into s from private.invoice_settlement(target);
  if (inv.status, inv.paid_ore, inv.credited_ore, inv.paid_on) is not distinct from (s.status, s.paid_ore, s.credited_ore, s.paid_on) then
    return;
  end if;
  update public.invoices i set status = s.status, paid_ore = s.paid_ore, credited_ore = s.credited_ore, paid_on = s.paid_on
    where i.id = target;
  if s.status <> inv.status and s.status in ('paid', 'credited') then
    insert into public.invoice_events (workspace_id, invoice_id, event, actor_id, details)
      values (inv.workspace_id, inv.id, s.status, auth.uid(),
              cause || case when s.status = 'paid' then pg_catalog.jsonb_build_object('paid_on', s.paid_on) else '{}' end);
  end if;
end
$$;

-- The guard as before (retention exception included), with the managed columns of issue 12
-- (rounding_ore is h3's) and one way for a non-draft to change: to what its settlement says.
create or replace function private.invoices_guard() returns trigger
language plpgsql set search_path = ''
as $$
declare
  managed constant text[] := array['status', 'number', 'series', 'seller_snapshot', 'buyer_snapshot', 'vat_summary',
    'net_ore', 'vat_ore', 'total_ore', 'rounding_ore', 'ocr_reference', 'pdf_path', 'pdf_sha256', 'paid_on', 'paid_ore',
    'credited_ore', 'sent_at', 'kind', 'credits_invoice_id'];
  settled constant text[] := array['status', 'paid_ore', 'credited_ore', 'paid_on', 'updated_at'];
  api_role boolean := current_user in ('anon', 'authenticated', 'service_role');
  o jsonb;
  n jsonb;
  derived record;
begin
  if tg_op = 'DELETE' then
    -- Nested so API roles (which may not use schema private) never reach the retention check.
    if old.status <> 'draft' then
      if api_role then
        raise exception 'invoice_immutable' using errcode = '55000', constraint = 'invoices_immutable', table = 'invoices',
          detail = 'A sent invoice is never deleted; credit it with a credit note.';
      end if;
      if not private.in_retention_run() then
        raise exception 'invoice_immutable' using errcode = '55000', constraint = 'invoices_immutable', table = 'invoices',
          detail = 'A sent invoice is never deleted; credit it with a credit note.';
      end if;
    end if;
    return old;
  end if;

  o := pg_catalog.to_jsonb(old);
  n := pg_catalog.to_jsonb(new);
  if old.status = 'draft' then
    if api_role and (select pg_catalog.jsonb_object_agg(k, o -> k) from pg_catalog.unnest(managed) k)
                    is distinct from (select pg_catalog.jsonb_object_agg(k, n -> k) from pg_catalog.unnest(managed) k) then
      raise exception 'invoice_fields_managed' using errcode = '42501', constraint = 'invoices_fields_managed', table = 'invoices',
        detail = 'Status, number, snapshots and totals change only through send_invoice() and the other invoicing functions.';
    end if;
    return new;
  end if;

  if not api_role then
    if old.pdf_path is null and new.pdf_path is not null
       and (n - array['pdf_path', 'pdf_sha256', 'updated_at']) = (o - array['pdf_path', 'pdf_sha256', 'updated_at']) then
      return new;
    end if;
    if (n - settled) = (o - settled) then
      select * into derived from private.invoice_settlement(new.id);
      if (new.status, new.paid_ore, new.credited_ore, new.paid_on)
         is not distinct from (derived.status, derived.paid_ore, derived.credited_ore, derived.paid_on) then
        return new;
      end if;
    end if;
  end if;
  raise exception 'invoice_immutable' using errcode = '55000', constraint = 'invoices_immutable', table = 'invoices',
    detail = 'A sent invoice does not change; its state follows its payments and credit notes, and the PDF is recorded once.';
end
$$;

-- Checks a payment before it is written, under the invoice's row lock, so concurrent payments
-- and credit notes queue and each sees the others.
create function private.invoice_payments_check() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  inv public.invoices;
  reversed public.invoice_payments;
begin
  select * into inv from public.invoices i where i.id = new.invoice_id for update;
  if new.reverses_payment_id is null and (inv.kind <> 'invoice' or inv.status not in ('sent', 'partly_paid', 'paid')) then
    raise exception 'invoice_not_payable' using errcode = '55000', constraint = 'invoice_payments_invoice_payable',
      table = 'invoice_payments', detail = 'Payments are recorded on sent invoices only: not on drafts, credit notes or fully credited invoices.';
  end if;
  if new.paid_on > private.stockholm_today() then
    raise exception 'payment_date_in_future' using errcode = '23514', constraint = 'invoice_payments_paid_on_not_future',
      table = 'invoice_payments', column = 'paid_on';
  end if;
  if new.paid_on < inv.issue_date then
    raise exception 'payment_date_before_issue' using errcode = '23514', constraint = 'invoice_payments_paid_on_after_issue',
      table = 'invoice_payments', column = 'paid_on';
  end if;
  if new.reverses_payment_id is not null then
    select * into reversed from public.invoice_payments p where p.id = new.reverses_payment_id;
    if reversed.invoice_id is distinct from new.invoice_id or reversed.reverses_payment_id is not null
       or new.amount_ore <> -reversed.amount_ore or new.paid_on < reversed.paid_on then
      raise exception 'payment_reversal_invalid' using errcode = '23514', constraint = 'invoice_payments_reversal_matches',
        table = 'invoice_payments', column = 'reverses_payment_id',
        detail = 'A reversal undoes one payment of the same invoice, by exactly its amount, on or after its date.';
    end if;
  end if;
  new.created_at := pg_catalog.now();
  return new;
end
$$;
create trigger invoice_payments_check before insert on public.invoice_payments
  for each row execute function private.invoice_payments_check();

create function private.invoice_payments_settle() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.invoice_events (workspace_id, invoice_id, event, actor_id, details)
    values (new.workspace_id, new.invoice_id, case when new.reverses_payment_id is null then 'payment_recorded' else 'payment_reversed' end,
            auth.uid(), pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('payment_id', new.id, 'amount_ore', new.amount_ore,
              'paid_on', new.paid_on, 'method', new.method, 'reference', new.reference,
              'reverses_payment_id', new.reverses_payment_id, 'reason', new.reason)));
  perform private.settle_invoice(new.invoice_id, pg_catalog.jsonb_build_object('payment_id', new.id));
  return null;
end
$$;
create trigger invoice_payments_settle after insert on public.invoice_payments
  for each row execute function private.invoice_payments_settle();

-- Append-only, table owner included; a retention run deletes them with their invoice.
create function private.invoice_payments_append_only() returns trigger
language plpgsql set search_path = ''
as $$
begin
  -- Nested so API roles (which may not use schema private) never reach the retention check.
  if tg_op = 'DELETE' and current_user not in ('anon', 'authenticated', 'service_role') then
    if private.in_retention_run() then
      return old;
    end if;
  end if;
  raise exception 'invoice_payments_append_only' using errcode = '55000', constraint = 'invoice_payments_append_only',
    table = 'invoice_payments', detail = 'A payment is never changed or deleted; record a reversal instead.';
end
$$;
create trigger invoice_payments_append_only before update or delete on public.invoice_payments
  for each row execute function private.invoice_payments_append_only();
create trigger invoice_payments_no_truncate before truncate on public.invoice_payments
  for each statement execute function private.invoice_payments_append_only();

-- A credit note, once sent, settles the invoice it credits.
create function private.invoices_settle_credited() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.settle_invoice(new.credits_invoice_id, pg_catalog.jsonb_build_object('credit_note_id', new.id));
  return null;
end
$$;
create trigger invoices_settle_credited after update of status on public.invoices
  for each row when (new.kind = 'credit_note' and old.status = 'draft' and new.status <> 'draft')
  execute function private.invoices_settle_credited();

-- The app's operations. Ownership is checked by lock_owned_invoice (which also takes the row lock).
create function private.record_payment(target uuid, amount bigint, paid date, method text, reference text)
returns public.invoice_payments
language plpgsql security definer set search_path = ''
as $$
declare
  inv public.invoices;
  p public.invoice_payments;
begin
  inv := private.lock_owned_invoice(target);
  insert into public.invoice_payments (workspace_id, invoice_id, amount_ore, paid_on, method, reference)
    values (inv.workspace_id, inv.id, amount, paid, method, nullif(pg_catalog.btrim(reference), ''))
    returning * into p;
  return p;
end
$$;

create function private.reverse_payment(target uuid, why text) returns public.invoice_payments
language plpgsql security definer set search_path = ''
as $$
declare
  inv public.invoices;
  original public.invoice_payments;
  p public.invoice_payments;
begin
  select * into original from public.invoice_payments x where x.id = target;
  if not found then
    raise exception 'invoice_payment_not_found' using errcode = 'P0002';
  end if;
  inv := private.lock_owned_invoice(original.invoice_id);
  if nullif(pg_catalog.btrim(why), '') is null then
    raise exception 'payment_reversal_reason_required' using errcode = '23514', constraint = 'invoice_payments_reversal_reason',
      table = 'invoice_payments', column = 'reason';
  end if;
  if original.reverses_payment_id is not null
     or exists (select 1 from public.invoice_payments r where r.reverses_payment_id = original.id) then
    raise exception 'payment_already_reversed' using errcode = '55000', constraint = 'invoice_payments_reversed_once',
      table = 'invoice_payments';
  end if;
  insert into public.invoice_payments (workspace_id, invoice_id, amount_ore, paid_on, method, reference, reverses_payment_id, reason)
    values (inv.workspace_id, inv.id, -original.amount_ore, private.stockholm_today(), original.method, original.reference,
            original.id, nullif(pg_catalog.btrim(why), ''))
    returning * into p;
  return p;
end
$$;

-- One click: a payment of everything outstanding, dated today.
drop function public.mark_invoice_paid(uuid, date);
drop function private.mark_invoice_paid(uuid, date);
create function private.mark_invoice_paid(target uuid) returns public.invoices
language plpgsql security definer set search_path = ''
as $$
declare
  inv public.invoices;
begin
  inv := private.lock_owned_invoice(target);
  if inv.kind <> 'invoice' or inv.status not in ('sent', 'partly_paid') then
    raise exception 'invoice_not_payable' using errcode = '55000', constraint = 'invoice_payments_invoice_payable',
      table = 'invoice_payments';
  end if;
  insert into public.invoice_payments (workspace_id, invoice_id, amount_ore, paid_on, method)
    values (inv.workspace_id, inv.id, inv.total_ore - inv.paid_ore - inv.credited_ore, private.stockholm_today(), 'other');
  select * into inv from public.invoices i where i.id = target;
  return inv;
end
$$;

revoke execute on function private.invoice_settlement(uuid), private.settle_invoice(uuid, jsonb),
  private.record_payment(uuid, bigint, date, text, text), private.reverse_payment(uuid, text),
  private.mark_invoice_paid(uuid) from public;
grant execute on function private.record_payment(uuid, bigint, date, text, text), private.reverse_payment(uuid, text),
  private.mark_invoice_paid(uuid) to authenticated;

create function public.record_payment(invoice_id uuid, amount_ore bigint, paid_on date, method text, reference text default null)
returns public.invoice_payments
language sql volatile security invoker set search_path = ''
as $$ select * from private.record_payment(invoice_id, amount_ore, paid_on, method, reference) $$;
comment on function public.record_payment(uuid, bigint, date, text, text) is 'Records a payment received for a sent invoice (partial or more than outstanding: an overpayment shows as a negative outstanding).';

create function public.reverse_payment(payment_id uuid, reason text) returns public.invoice_payments
language sql volatile security invoker set search_path = ''
as $$ select * from private.reverse_payment(payment_id, reason) $$;
comment on function public.reverse_payment(uuid, text) is 'Undoes a wrong payment with a reversing record dated today; the payment itself is never changed.';

create function public.mark_invoice_paid(invoice_id uuid) returns public.invoices
language sql volatile security invoker set search_path = ''
as $$ select * from private.mark_invoice_paid(invoice_id) $$;
comment on function public.mark_invoice_paid(uuid) is 'One click: records a payment of what is outstanding, dated today (Europe/Stockholm).';

revoke execute on function public.record_payment(uuid, bigint, date, text, text), public.reverse_payment(uuid, text),
  public.mark_invoice_paid(uuid) from public, anon;
grant execute on function public.record_payment(uuid, bigint, date, text, text), public.reverse_payment(uuid, text),
  public.mark_invoice_paid(uuid) to authenticated;

-- Payments are bookkeeping: kept (like the invoice they belong to) when an account is purged.
create or replace function private.kept_after_purge() returns text[]
language sql immutable set search_path = ''
as $$
  select array['workspaces', 'nodes', 'time_entries', 'invoices', 'invoice_lines', 'invoice_events', 'invoice_payments',
    'number_series', 'audit_log']
$$;

-- Invoices marked paid before this register get one payment of their total on their paid date
-- (brought within issue date .. today); then every sent invoice and credit note is settled,
-- which also returns credit notes that were "marked paid" to sent.
insert into public.invoice_payments (workspace_id, invoice_id, amount_ore, paid_on, method)
  select i.workspace_id, i.id, i.total_ore - i.credited_ore, greatest(least(i.paid_on, private.stockholm_today()), i.issue_date), 'other'
    from public.invoices i
   where i.kind = 'invoice' and i.status = 'paid' and i.total_ore > 0 and i.issue_date <= private.stockholm_today();
select private.settle_invoice(i.id, '{}') from public.invoices i where i.status <> 'draft' order by i.kind desc, i.id;

alter table public.invoices add constraint invoices_credit_note_unpaid
  check (kind = 'invoice' or (status in ('draft', 'sent') and paid_ore = 0 and credited_ore = 0 and paid_on is null));
