-- Names and free text reach the invoice PDF, the SIE file and the CSV register as typed, so the
-- database refuses control characters at the boundary: a single-line field (names, addresses,
-- line descriptions, units) takes none, a multi-line field (notes, the invoice message, the
-- footer) keeps line breaks and refuses the rest. One check function, used by named CHECK
-- constraints on every such column; private.single_line() is the normalisation for text this
-- product composes itself from other fields (line descriptions from hours). Existing rows are
-- normalised first so the constraints hold from the start.

-- C0 and C1 controls, DEL, and the Unicode line/paragraph separators; LF and CR only where
-- multiline. Public and invoker like the check-digit functions: CHECK constraints run it with
-- the writer's privileges.
create function public.is_clean_text(value text, multiline boolean default false) returns boolean
language sql immutable parallel safe set search_path = ''
as $$
  select value is null or value !~ case when multiline then '[\x01-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]'
                                        else '[\x01-\x1f\x7f-\x9f\u2028\u2029]' end
$$;
comment on function public.is_clean_text(text, boolean) is 'True when the text has no control characters (C0, C1, DEL, U+2028/9); with multiline, line feeds and carriage returns are allowed.';
grant execute on function public.is_clean_text(text, boolean) to anon, authenticated, service_role;

-- Runs of control characters (line breaks included) become one space.
create function private.single_line(value text) returns text
language sql immutable parallel safe set search_path = ''
as $$ select pg_catalog.regexp_replace(value, '[\x01-\x1f\x7f-\x9f\u2028\u2029]+', ' ', 'g') $$;
comment on function private.single_line(text) is 'The text with every run of control characters replaced by one space: what a single-line field may hold.';
revoke execute on function private.single_line(text) from public;

-- Without the controls a multi-line field may not hold (a tab becomes a space).
create function private.multi_line(value text) returns text
language sql immutable parallel safe set search_path = ''
as $$ select pg_catalog.regexp_replace(value, '[\x01-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]', ' ', 'g') $$;
comment on function private.multi_line(text) is 'The text with every control character other than line feed and carriage return replaced by a space.';
revoke execute on function private.multi_line(text) from public;

-- Existing rows, before the constraints (sent invoices' lines are immutable and were written
-- through the forms, so only drafts and the other tables are touched).
update public.workspaces set name = private.single_line(name) where not public.is_clean_text(name);
update public.business_profiles set
    legal_name = private.single_line(legal_name), address_line1 = private.single_line(address_line1),
    address_line2 = private.single_line(address_line2), postal_code = private.single_line(postal_code),
    city = private.single_line(city), phone = private.single_line(phone), invoice_footer = private.multi_line(invoice_footer)
  where not (public.is_clean_text(legal_name) and public.is_clean_text(address_line1) and public.is_clean_text(address_line2)
    and public.is_clean_text(postal_code) and public.is_clean_text(city) and public.is_clean_text(phone)
    and public.is_clean_text(invoice_footer, true));
update public.nodes set title = private.single_line(title), body = private.multi_line(body)
  where not (public.is_clean_text(title) and public.is_clean_text(body, true));
update public.client_details set
    name = private.single_line(name), org_number = private.single_line(org_number),
    address_line1 = private.single_line(address_line1), address_line2 = private.single_line(address_line2),
    postal_code = private.single_line(postal_code), city = private.single_line(city)
  where not (public.is_clean_text(name) and public.is_clean_text(org_number) and public.is_clean_text(address_line1)
    and public.is_clean_text(address_line2) and public.is_clean_text(postal_code) and public.is_clean_text(city));
update public.time_entries e set description = private.single_line(e.description)
  where not public.is_clean_text(e.description)
    and not exists (select 1 from public.invoice_lines l join public.invoices i on i.id = l.invoice_id
                     where l.id = e.invoice_line_id and i.status <> 'draft');
update public.running_timers set description = private.single_line(description) where not public.is_clean_text(description);
update public.invoice_lines l set description = private.single_line(l.description), unit = private.single_line(l.unit)
  where not (public.is_clean_text(l.description) and public.is_clean_text(l.unit))
    and exists (select 1 from public.invoices i where i.id = l.invoice_id and i.status = 'draft');
update public.invoices set message = private.multi_line(message) where status = 'draft' and not public.is_clean_text(message, true);

alter table public.workspaces add constraint workspaces_name_clean check (public.is_clean_text(name));
alter table public.business_profiles
  add constraint business_profiles_legal_name_clean check (public.is_clean_text(legal_name)),
  add constraint business_profiles_address_line1_clean check (public.is_clean_text(address_line1)),
  add constraint business_profiles_address_line2_clean check (public.is_clean_text(address_line2)),
  add constraint business_profiles_postal_code_clean check (public.is_clean_text(postal_code)),
  add constraint business_profiles_city_clean check (public.is_clean_text(city)),
  add constraint business_profiles_phone_clean check (public.is_clean_text(phone)),
  add constraint business_profiles_invoice_footer_clean check (public.is_clean_text(invoice_footer, true));
alter table public.nodes
  add constraint nodes_title_clean check (public.is_clean_text(title)),
  add constraint nodes_body_clean check (public.is_clean_text(body, true));
alter table public.client_details
  add constraint client_details_name_clean check (public.is_clean_text(name)),
  add constraint client_details_org_number_clean check (public.is_clean_text(org_number)),
  add constraint client_details_address_line1_clean check (public.is_clean_text(address_line1)),
  add constraint client_details_address_line2_clean check (public.is_clean_text(address_line2)),
  add constraint client_details_postal_code_clean check (public.is_clean_text(postal_code)),
  add constraint client_details_city_clean check (public.is_clean_text(city));
alter table public.running_timers add constraint running_timers_description_clean check (public.is_clean_text(description));
-- Not validated against rows of sent invoices: those are verifikationer and never rewritten.
alter table public.time_entries add constraint time_entries_description_clean check (public.is_clean_text(description)) not valid;
alter table public.invoice_lines
  add constraint invoice_lines_description_clean check (public.is_clean_text(description)) not valid,
  add constraint invoice_lines_unit_clean check (public.is_clean_text(unit)) not valid;
alter table public.invoices add constraint invoices_message_clean check (public.is_clean_text(message, true)) not valid;

-- Sign-up never fails on the business name it was given: it is made single-line here.
create or replace function private.create_workspace_for_new_user() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  new_workspace_id uuid;
  business_name text := left(pg_catalog.btrim(private.single_line(coalesce(new.raw_user_meta_data ->> 'business_name', ''))), 200);
begin
  insert into public.workspaces (name) values (business_name) returning id into new_workspace_id;
  insert into public.workspace_members (workspace_id, user_id, role) values (new_workspace_id, new.id, 'owner');
  -- Sign-up must never fail on the profile: an unusual name or email is left for the owner to fill in.
  insert into public.business_profiles (workspace_id, legal_name, email)
    values (new_workspace_id, business_name, case when new.email ~ '^[^@\s]+@[^@\s]+$' then new.email end);
  return new;
end
$$;
