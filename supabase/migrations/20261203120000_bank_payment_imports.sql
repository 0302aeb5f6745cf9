-- Payments from the bank's file (issue 19, item 3). A BgMax or camt.054 file is read by the app
-- (lib/payments), each payment it holds becomes a row of bank_import_payments with the invoice
-- the matcher proposes, the owner reviews and places the rest by hand, and booking turns each
-- placed payment into one invoice_payments record. What protects the money lives here:
--   * the same file twice is refused (bank_imports_file_once, by its SHA-256), and a payment the
--     bank names the same way in another file is not taken again (bank_import_payments_once);
--   * a file payment books at most one invoice payment, of exactly its amount and date
--     (payment_id unique, written only by private.book_bank_import());
--   * a proposal or placement can only name an invoice of the same workspace (composite key),
--     and booking goes through lock_owned_invoice, so another workspace's invoice is never paid;
--   * deductions and returns are kept for the review but never booked as payments.

create table public.bank_imports (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  format text not null constraint bank_imports_format_valid check (format in ('bgmax', 'camt054')),
  file_name text not null constraint bank_imports_file_name_valid check (char_length(file_name) between 1 and 255 and file_name !~ '[[:cntrl:]]'),
  file_sha256 text not null constraint bank_imports_file_sha256_valid check (file_sha256 ~ '^[0-9a-f]{64}$'),
  imported_by uuid,
  created_at timestamptz not null default now(),
  constraint bank_imports_workspace_id_id_unique unique (workspace_id, id),
  constraint bank_imports_file_once unique (workspace_id, file_sha256)
);
comment on table public.bank_imports is 'Bank files (BgMax, camt.054) read into the workspace, once each. Owner only; rows are never changed.';
comment on column public.bank_imports.file_sha256 is 'SHA-256 of the file''s bytes: the same file is imported once.';
comment on column public.bank_imports.imported_by is 'auth.uid() of who imported it (no foreign key: bookkeeping outlives accounts).';
create index bank_imports_workspace_id_created_at_idx on public.bank_imports (workspace_id, created_at desc);

create table public.bank_import_payments (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null,
  import_id uuid not null,
  kind text not null constraint bank_import_payments_kind_valid check (kind in ('payment', 'deduction', 'return')),
  source_ref text not null constraint bank_import_payments_source_ref_valid check (char_length(source_ref) between 1 and 200),
  position text not null constraint bank_import_payments_position_valid check (char_length(position) between 1 and 200),
  amount_ore bigint not null,
  paid_on date not null,
  method text not null constraint bank_import_payments_method_valid check (method in ('bankgiro', 'bank_transfer')),
  reference text constraint bank_import_payments_reference_valid check (char_length(reference) between 1 and 140 and reference !~ '[[:cntrl:]]'),
  payer_name text constraint bank_import_payments_payer_name_valid check (char_length(payer_name) between 1 and 140 and payer_name !~ '[[:cntrl:]]'),
  matched_invoice_id uuid,
  match_rule text constraint bank_import_payments_match_rule_valid check (match_rule in ('ocr', 'amount_payer', 'manual')),
  payment_id uuid unique references public.invoice_payments (id) on delete set null,
  created_at timestamptz not null default now(),
  constraint bank_import_payments_import_same_workspace foreign key (workspace_id, import_id)
    references public.bank_imports (workspace_id, id) on delete cascade,
  constraint bank_import_payments_invoice_same_workspace foreign key (workspace_id, matched_invoice_id)
    references public.invoices (workspace_id, id) on delete set null (matched_invoice_id),
  constraint bank_import_payments_once unique (workspace_id, source_ref),
  constraint bank_import_payments_sign check ((kind = 'payment') = (amount_ore > 0)),
  constraint bank_import_payments_rule_with_invoice check (matched_invoice_id is null or match_rule is not null),
  constraint bank_import_payments_only_payments_placed check (kind = 'payment' or matched_invoice_id is null)
);
comment on table public.bank_import_payments is 'Each payment, deduction or return a bank file held, the invoice it is placed on and the invoice payment it booked. Owner only; placed through place_bank_payment(), booked through book_bank_import().';
comment on column public.bank_import_payments.kind is 'payment (money in, bookable), deduction (BgMax avdrag) or return (money sent back): the last two are shown, never booked.';
comment on column public.bank_import_payments.source_ref is 'The bank''s own identity of the payment (BgMax: receiving bankgiro, deposit date and BGC serial number; camt.054: the account servicer''s reference): the same payment is never taken from a second file.';
comment on column public.bank_import_payments.position is 'Where in the file the payment is (line number or XML element path), for the review and for errors.';
comment on column public.bank_import_payments.match_rule is 'How the invoice was chosen: ocr (the OCR reference), amount_payer (amount and payer name, one candidate) or manual.';
comment on column public.bank_import_payments.payment_id is 'The invoice payment this booked; set once, by book_bank_import().';
create index bank_import_payments_workspace_id_import_id_idx on public.bank_import_payments (workspace_id, import_id);
create index bank_import_payments_import_id_idx on public.bank_import_payments (import_id);
create index bank_import_payments_workspace_id_matched_invoice_id_idx on public.bank_import_payments (workspace_id, matched_invoice_id);

alter table public.bank_imports enable row level security;
alter table public.bank_import_payments enable row level security;
create policy bank_imports_select on public.bank_imports for select to authenticated
  using (workspace_id in (select private.my_owned_workspaces()));
create policy bank_imports_insert on public.bank_imports for insert to authenticated
  with check (workspace_id in (select private.my_owned_workspaces()) and imported_by = (select auth.uid()));
create policy bank_import_payments_select on public.bank_import_payments for select to authenticated
  using (workspace_id in (select private.my_owned_workspaces()));
create policy bank_import_payments_insert on public.bank_import_payments for insert to authenticated
  with check (workspace_id in (select private.my_owned_workspaces()) and payment_id is null);

create trigger bank_imports_audit after insert or update or delete on public.bank_imports
  for each row execute function private.audit_row('id');
create trigger bank_import_payments_audit after insert or update or delete on public.bank_import_payments
  for each row execute function private.audit_row('id');

-- Rows change only in the ways the functions below make, for every role: a placement before
-- booking and the booked payment once; afterwards only the foreign keys' own set null when
-- retention deletes the invoice and its payments. No API role may delete (no policy).
create function private.bank_import_payments_guard() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if tg_op = 'UPDATE'
     and (pg_catalog.to_jsonb(new) - array['matched_invoice_id', 'match_rule', 'payment_id'])
         = (pg_catalog.to_jsonb(old) - array['matched_invoice_id', 'match_rule', 'payment_id'])
     and (old.payment_id is null or new.payment_id is null) then
    return new;
  end if;
  if tg_op = 'DELETE' then
    return old;
  end if;
  raise exception 'bank_payment_booked' using errcode = '55000', constraint = 'bank_import_payments_booked',
    table = 'bank_import_payments', detail = 'A booked bank payment does not change; reverse its invoice payment instead.';
end
$$;
create trigger bank_import_payments_guard before update or delete on public.bank_import_payments
  for each row execute function private.bank_import_payments_guard();

-- Places (or un-places, invoice null) one unbooked payment on an invoice of the owner's.
create function private.place_bank_payment(target uuid, invoice uuid) returns public.bank_import_payments
language plpgsql security definer set search_path = ''
as $$
declare
  p public.bank_import_payments;
  inv public.invoices;
begin
  select * into p from public.bank_import_payments x where x.id = target for update;
  if not found or p.workspace_id not in (select private.my_owned_workspaces()) then
    raise exception 'bank_payment_not_found' using errcode = 'P0002';
  end if;
  if p.payment_id is not null then
    raise exception 'bank_payment_booked' using errcode = '55000', constraint = 'bank_import_payments_booked', table = 'bank_import_payments';
  end if;
  if invoice is not null then
    inv := private.lock_owned_invoice(invoice);
    if inv.workspace_id <> p.workspace_id then
      raise exception 'invoice_not_found' using errcode = 'P0002';
    end if;
  end if;
  update public.bank_import_payments x set matched_invoice_id = invoice, match_rule = case when invoice is not null then 'manual' end
   where x.id = target returning * into p;
  return p;
end
$$;

-- Books every placed, unbooked payment of an import as an invoice payment (its amount, date and
-- reference); returns how many. All or nothing: a refusal (an invoice that is no longer payable)
-- rolls the whole booking back with its message.
create function private.book_bank_import(target uuid) returns integer
language plpgsql security definer set search_path = ''
as $$
declare
  imp public.bank_imports;
  p public.bank_import_payments;
  inv public.invoices;
  booked public.invoice_payments;
  n integer := 0;
begin
  select * into imp from public.bank_imports b where b.id = target;
  if not found or imp.workspace_id not in (select private.my_owned_workspaces()) then
    raise exception 'bank_import_not_found' using errcode = 'P0002';
  end if;
  for p in select * from public.bank_import_payments x
            where x.import_id = target and x.kind = 'payment' and x.matched_invoice_id is not null and x.payment_id is null
            order by x.position, x.id for update
  loop
    inv := private.lock_owned_invoice(p.matched_invoice_id);
    insert into public.invoice_payments (workspace_id, invoice_id, amount_ore, paid_on, method, reference)
      values (inv.workspace_id, inv.id, p.amount_ore, p.paid_on, p.method, p.reference)
      returning * into booked;
    update public.bank_import_payments x set payment_id = booked.id where x.id = p.id;
    n := n + 1;
  end loop;
  return n;
end
$$;

revoke execute on function private.place_bank_payment(uuid, uuid), private.book_bank_import(uuid) from public;
grant execute on function private.place_bank_payment(uuid, uuid), private.book_bank_import(uuid) to authenticated;

create function public.place_bank_payment(payment_id uuid, invoice_id uuid) returns public.bank_import_payments
language sql volatile security invoker set search_path = ''
as $$ select * from private.place_bank_payment(payment_id, invoice_id) $$;
comment on function public.place_bank_payment(uuid, uuid) is 'Places an unbooked bank payment on an invoice of the owner''s workspace by hand (null takes the placement away).';

create function public.book_bank_import(import_id uuid) returns integer
language sql volatile security invoker set search_path = ''
as $$ select private.book_bank_import(import_id) $$;
comment on function public.book_bank_import(uuid) is 'Books each placed, unbooked payment of a bank import as an invoice payment; returns how many.';

revoke execute on function public.place_bank_payment(uuid, uuid), public.book_bank_import(uuid) from public, anon;
grant execute on function public.place_bank_payment(uuid, uuid), public.book_bank_import(uuid) to authenticated;
