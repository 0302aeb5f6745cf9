-- private.invoice_settlement runs twice per payment (settle_invoice, then the invoices guard), so
-- a bank booking of 9 000 payments runs it 18 000 times in one transaction. As a
-- security-definer SQL function it was parsed and planned again on every call (PostgreSQL
-- neither inlines such a function nor keeps its plan), about 0.35 ms each. In PL/pgSQL it is
-- parsed once per session; it is still planned for each call, because a plan kept from the
-- start of a booking would read invoice_payments sequentially as it was then (a few pages) and
-- go on doing so as the booking adds thousands of rows to it (measured: 85 µs per call after
-- 1 000 payments, 526 µs after 9 000). bench/bank-import.ts: booking 9 000 payments 45 s -> 22 s.
create or replace function private.invoice_settlement(target uuid)
returns table (status text, paid_ore bigint, credited_ore bigint, paid_on date)
language plpgsql stable security definer set search_path = '' set plan_cache_mode = force_custom_plan
as $$
#variable_conflict use_column
begin
  return query
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
      from settled s;
end
$$;
