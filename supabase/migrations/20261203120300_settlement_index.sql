-- Booking a bank file records thousands of payments, and each settles its invoice
-- (private.invoice_settlement), which looks up the credit notes of that invoice by
-- credits_invoice_id alone. The existing index leads with workspace_id, so on PostgreSQL 15 that
-- lookup scanned the workspace's invoices once per payment. An index on the column itself.
create index invoices_credits_invoice_id_idx on public.invoices (credits_invoice_id) where credits_invoice_id is not null;
