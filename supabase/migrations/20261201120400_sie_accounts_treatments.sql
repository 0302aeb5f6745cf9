-- The SIE export books each VAT treatment on its BAS account: services outside the EU on 3305
-- (3308 stays for services to another EU country, 3004 for exempt domestic sales) and the
-- öresavrundning on 3740. New columns with the BAS defaults, like the others.

alter table public.sie_accounts
  add column sales_outside_eu integer not null default 3305
    constraint sie_accounts_sales_outside_eu_valid check (sales_outside_eu between 1000 and 9999),
  add column rounding integer not null default 3740 constraint sie_accounts_rounding_valid check (rounding between 1000 and 9999);
comment on column public.sie_accounts.sales_outside_eu is 'Sales of services to buyers outside the EU (no Swedish VAT).';
comment on column public.sie_accounts.rounding is 'Öres- och kronutjämning: the öresavrundning of invoices rounded to whole kronor.';
