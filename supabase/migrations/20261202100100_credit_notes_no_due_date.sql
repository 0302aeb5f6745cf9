-- A credit note asks for no payment, so it has no due date (issue 12, item 4). send_invoice()
-- computes a due date for every kind and the draft form offered one, so credit notes were stored
-- with a förfallodag that the exports and any later view could pick up. Now the database never
-- stores one: a trigger, which holds for every role, drops it whenever a credit note is written
-- as a draft and when it is sent. Sent credit notes that already carry one are verifikationer and
-- stay as they are (a check constraint would refuse every later write to them; nothing shows
-- their due date).

-- A sent invoice needs its due date; a sent credit note has none.
alter table public.invoices drop constraint invoices_sent_complete;
alter table public.invoices add constraint invoices_sent_complete check (status = 'draft' or (seller_snapshot is not null
  and buyer_snapshot is not null and issue_date is not null and (kind = 'credit_note' or due_date is not null)
  and sent_at is not null and ocr_reference is not null));

update public.invoices set due_date = null where kind = 'credit_note' and status = 'draft' and due_date is not null;

create function private.credit_notes_no_due_date() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if tg_op = 'INSERT' or old.status = 'draft' then
    new.due_date := null;
  end if;
  return new;
end
$$;
comment on function private.credit_notes_no_due_date() is 'Drops the due date of a credit note while it is a draft and when it is sent: a credit note asks for no payment.';
revoke execute on function private.credit_notes_no_due_date() from public;

create trigger invoices_credit_note_no_due_date before insert or update on public.invoices
  for each row when (new.kind = 'credit_note' and new.due_date is not null)
  execute function private.credit_notes_no_due_date();

comment on column public.invoices.due_date is 'Förfallodag of an invoice. At send: the real issue date plus the planned days (draft due - draft issue), else the client''s or the profile''s payment terms. Null on a credit note (one sent before this rule may carry one, which nothing shows).';
