-- A räntefaktura's charges (issue 19) are outside the scope of VAT and are not sales: the SIE
-- export books dröjsmålsränta on 8313 (ränteintäkter från kortfristiga fordringar) and
-- påminnelseavgifter and förseningsersättning on 3930 (påminnelseavgifter, set up under 39xx
-- övriga rörelseintäkter, as BAS leaves it to the company), never on the sales accounts, so they
-- reach no box of the momsdeklaration. Configurable like every other account.
alter table public.sie_accounts
  add column interest integer not null default 8313 constraint sie_accounts_interest_valid check (interest between 1000 and 9999),
  add column fees integer not null default 3930 constraint sie_accounts_fees_valid check (fees between 1000 and 9999);
comment on column public.sie_accounts.interest is 'Late-payment interest charged on a räntefaktura: 8313 by default.';
comment on column public.sie_accounts.fees is 'Reminder fees and förseningsersättning charged on a räntefaktura: 3930 by default.';
