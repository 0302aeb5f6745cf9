-- Two more kinds of invoice history: an archived PDF whose bytes no longer match the recorded
-- SHA-256 when someone downloads it (the download is refused and the mismatch logged here), and
-- an invoice emailed to the client. Written by these functions only, like the other events.

alter table public.invoice_events drop constraint invoice_events_event_valid;
alter table public.invoice_events add constraint invoice_events_event_valid
  check (event in ('sent', 'paid', 'credited', 'credit_note_created', 'pdf_archived', 'pdf_mismatch', 'emailed'));

-- Any member may log a mismatch (the accountant downloads archived PDFs too); the invoice must be
-- one they can see as sent.
create function private.record_invoice_pdf_mismatch(target uuid, actual_sha256 text) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  inv public.invoices;
begin
  select * into inv from public.invoices i where i.id = target and i.status <> 'draft'
    and i.workspace_id in (select private.my_workspaces());
  if not found then
    raise exception 'invoice_not_found' using errcode = 'P0002';
  end if;
  insert into public.invoice_events (workspace_id, invoice_id, event, actor_id, details)
    values (inv.workspace_id, inv.id, 'pdf_mismatch', auth.uid(),
            pg_catalog.jsonb_build_object('path', inv.pdf_path, 'expected', inv.pdf_sha256, 'actual', actual_sha256));
end
$$;

create function private.record_invoice_emailed(target uuid, recipient text) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  inv public.invoices;
begin
  inv := private.lock_owned_invoice(target);
  if inv.pdf_path is null then
    raise exception 'invoice_not_sent' using errcode = '55000';
  end if;
  insert into public.invoice_events (workspace_id, invoice_id, event, actor_id, details)
    values (inv.workspace_id, inv.id, 'emailed', auth.uid(), pg_catalog.jsonb_build_object('to', recipient));
end
$$;

grant execute on function private.record_invoice_pdf_mismatch(uuid, text), private.record_invoice_emailed(uuid, text) to authenticated;

create function public.record_invoice_pdf_mismatch(invoice_id uuid, actual_sha256 text) returns void
language sql volatile security invoker set search_path = ''
as $$ select private.record_invoice_pdf_mismatch(invoice_id, actual_sha256) $$;
comment on function public.record_invoice_pdf_mismatch(uuid, text) is 'Logs that the archived PDF of a sent invoice did not match its recorded SHA-256 on download.';

create function public.record_invoice_emailed(invoice_id uuid, recipient text) returns void
language sql volatile security invoker set search_path = ''
as $$ select private.record_invoice_emailed(invoice_id, recipient) $$;
comment on function public.record_invoice_emailed(uuid, text) is 'Logs that the archived PDF of a sent invoice was emailed to recipient.';

grant execute on function public.record_invoice_pdf_mismatch(uuid, text), public.record_invoice_emailed(uuid, text) to authenticated;
