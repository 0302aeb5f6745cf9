-- Bookkeeping settings the SIE export and the VAT reports follow (issue 16). They sit beside the
-- SIE accounts, which owner and accountant both read (the accountant downloads the exports that
-- use them; the business profile stays owner-only): the bank account payments are booked on
-- (1930 företagskonto, or 1920 plusgiro), the voucher series of the file (one the common
-- programs leave free, so an import never collides with their own series), the bookkeeping
-- method (fakturametoden, or kontantmetoden with bokslutsmetoden's year-end receivables) and the
-- VAT period (month, quarter or year). The fiscal year's first month stays in the business
-- profile (retention counts from it); members read it through one function.

alter table public.sie_accounts
  add column bank integer not null default 1930 constraint sie_accounts_bank_valid check (bank between 1000 and 9999),
  add column voucher_series text not null default 'X'
    constraint sie_accounts_voucher_series_valid check (voucher_series ~ '^[A-Z]{1,2}$'),
  add column bookkeeping_method text not null default 'invoice'
    constraint sie_accounts_bookkeeping_method_valid check (bookkeeping_method in ('invoice', 'cash')),
  add column vat_period text not null default 'quarter'
    constraint sie_accounts_vat_period_valid check (vat_period in ('month', 'quarter', 'year'));
comment on column public.sie_accounts.bank is 'The bank account payments are booked on: 1930 (företagskonto) by default, 1920 for plusgiro.';
comment on column public.sie_accounts.voucher_series is 'The SIE voucher series (1-2 capital letters); numbers run 1, 2, ... in date order within each file.';
comment on column public.sie_accounts.bookkeeping_method is 'invoice = fakturametoden (booked when sent, payment when paid); cash = kontantmetoden/bokslutsmetoden (booked when paid, unpaid invoices booked as receivables at fiscal year end).';
comment on column public.sie_accounts.vat_period is 'The momsdeklaration period the workspace files: month, quarter or year.';

-- The fiscal year's first month, for every member (the profile row itself is owner-only).
create function private.fiscal_year_start_month(workspace uuid) returns smallint
language sql stable security definer set search_path = ''
as $$
  select p.fiscal_year_start_month from public.business_profiles p
   where p.workspace_id = workspace and workspace in (select private.my_workspaces())
$$;
revoke execute on function private.fiscal_year_start_month(uuid) from public;
grant execute on function private.fiscal_year_start_month(uuid) to authenticated;

create function public.fiscal_year_start_month(workspace uuid) returns smallint
language sql stable security invoker set search_path = ''
as $$ select private.fiscal_year_start_month(workspace) $$;
comment on function public.fiscal_year_start_month(uuid) is 'First month (1-12) of the workspace''s fiscal year, for its owner and accountants; null for anyone else.';
revoke execute on function public.fiscal_year_start_month(uuid) from public, anon;
grant execute on function public.fiscal_year_start_month(uuid) to authenticated;

-- The consultant's two reports are downloads like the others, and logged as such.
alter table public.export_downloads drop constraint export_downloads_kind_valid;
alter table public.export_downloads add constraint export_downloads_kind_valid
  check (kind in ('invoice_pdf', 'zip', 'sie', 'csv', 'vat_return', 'ec_sales_list'));
