-- The accounts an SIE export books invoices on (issue 6), per workspace. No row means the BAS
-- defaults (kept in the app next to the SIE writer, and as column defaults here). The owner
-- changes them; the accountant reads them, since the export they download uses them.

create table public.sie_accounts (
  workspace_id uuid primary key references public.workspaces (id) on delete cascade,
  receivable integer not null default 1510 constraint sie_accounts_receivable_valid check (receivable between 1000 and 9999),
  sales_25 integer not null default 3001 constraint sie_accounts_sales_25_valid check (sales_25 between 1000 and 9999),
  sales_12 integer not null default 3002 constraint sie_accounts_sales_12_valid check (sales_12 between 1000 and 9999),
  sales_6 integer not null default 3003 constraint sie_accounts_sales_6_valid check (sales_6 between 1000 and 9999),
  sales_0 integer not null default 3004 constraint sie_accounts_sales_0_valid check (sales_0 between 1000 and 9999),
  sales_reverse_charge integer not null default 3308
    constraint sie_accounts_sales_reverse_charge_valid check (sales_reverse_charge between 1000 and 9999),
  vat_25 integer not null default 2611 constraint sie_accounts_vat_25_valid check (vat_25 between 1000 and 9999),
  vat_12 integer not null default 2621 constraint sie_accounts_vat_12_valid check (vat_12 between 1000 and 9999),
  vat_6 integer not null default 2631 constraint sie_accounts_vat_6_valid check (vat_6 between 1000 and 9999),
  updated_at timestamptz not null default now()
);
comment on table public.sie_accounts is 'Chart-of-accounts choices for the SIE export (BAS defaults). Owner writes; owner and accountant read.';
comment on column public.sie_accounts.receivable is 'Kundfordringar: debited with each invoice total (credited by credit notes).';
comment on column public.sie_accounts.sales_25 is 'Sales at 25 % VAT (net amount).';
comment on column public.sie_accounts.sales_12 is 'Sales at 12 % VAT (net amount).';
comment on column public.sie_accounts.sales_6 is 'Sales at 6 % VAT (net amount).';
comment on column public.sie_accounts.sales_0 is 'Domestic sales without VAT (0 %, exempt).';
comment on column public.sie_accounts.sales_reverse_charge is 'Sales with reverse charge (omvänd betalningsskyldighet), e.g. services to another EU country.';
comment on column public.sie_accounts.vat_25 is 'Output VAT 25 % (utgående moms).';
comment on column public.sie_accounts.vat_12 is 'Output VAT 12 %.';
comment on column public.sie_accounts.vat_6 is 'Output VAT 6 %.';

alter table public.sie_accounts enable row level security;
create policy sie_accounts_select on public.sie_accounts for select to authenticated
  using (workspace_id in (select private.my_workspaces()));
create policy sie_accounts_insert on public.sie_accounts for insert to authenticated
  with check (workspace_id in (select private.my_owned_workspaces()));
create policy sie_accounts_update on public.sie_accounts for update to authenticated
  using (workspace_id in (select private.my_owned_workspaces()))
  with check (workspace_id in (select private.my_owned_workspaces()));
create policy sie_accounts_delete on public.sie_accounts for delete to authenticated
  using (workspace_id in (select private.my_owned_workspaces()));

create trigger sie_accounts_touch before update on public.sie_accounts
  for each row execute function private.touch_updated_at();
create trigger sie_accounts_audit after insert or update or delete on public.sie_accounts
  for each row execute function private.audit_row('workspace_id');
