-- Er/Vår referens are single-line fields printed on the invoice PDF, in the SIE text and the CSV:
-- like every other name and single-line field (20261201100000_clean_text.sql) they refuse control
-- characters. Not valid for rows already there: sent invoices are never rewritten.

alter table public.invoices
  add constraint invoices_buyer_reference_clean check (public.is_clean_text(buyer_reference)) not valid,
  add constraint invoices_seller_reference_clean check (public.is_clean_text(seller_reference)) not valid;
