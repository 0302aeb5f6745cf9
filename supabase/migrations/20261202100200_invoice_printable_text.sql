-- Everything an invoice or credit note prints is drawn in the embedded Liberation Sans
-- (lib/invoices/pdf/fonts.ts). Text with characters outside that font (CJK, emoji, letters such as
-- ƀ) was accepted and then drawn in a fallback font or as boxes on a legal document. So the
-- columns that reach the PDF refuse such characters for every role, beside the clean-text rule
-- (20261201100000_clean_text.sql): both parties' names, addresses and contact details, line
-- descriptions and units, Er/Vår referens, the invoice message and the footer. Identifiers with
-- their own format checks (VAT, org number in Sweden, bankgiro, plusgiro, IBAN, BIC) are ASCII
-- already. The character class is the font's cmap (Regular and Bold both), the same table as
-- lib/invoices/pdf/font-coverage.ts; tests/invoices/font-coverage.test.ts checks both against the
-- font files. Checked by a trigger when such a value is written or changed, not by a constraint:
-- a CHECK is evaluated on every update of a row, so an old client name with an emoji would block
-- recording a payment or editing payment terms; rows already there (sent invoices above all) are
-- never rewritten and stay as they are until that text itself is changed.

-- Public and invoker like is_clean_text, so a CHECK or a query can use it too. Control characters
-- are left to is_clean_text (which knows single- from multi-line fields and names them in its
-- message), so a line break is refused there and nowhere else.
create function public.is_invoice_printable(value text) returns boolean
language sql immutable parallel safe set search_path = ''
as $$
  select value is null or value !~ '[^\u0001-\u001f\u007f-\u009f\u2028\u2029\u0020-\u007e\u00a0-\u017f\u0192\u01fa-\u01ff\u0218-\u021b\u02c6-\u02c7\u02c9\u02d8-\u02dd\u037e\u0384-\u038a\u038c\u038e-\u03a1\u03a3-\u03ce\u0400-\u045f\u0472-\u0473\u0490-\u0491\u1e80-\u1e85\u1ef2-\u1ef3\u2010-\u2011\u2013-\u2015\u2017-\u201e\u2020-\u2022\u2026\u2030\u2032-\u2033\u2039-\u203a\u203c\u203e\u2044\u207f\u20a3-\u20a4\u20a7\u20ac\u2105\u2113\u2116\u2122\u2126\u212e\u215b-\u215e\u2190-\u2195\u21a8\u2202\u2206\u220f\u2211-\u2212\u2215\u2219-\u221a\u221e-\u221f\u2229\u222b\u2248\u2260-\u2261\u2264-\u2265\u2302\u2310\u2320-\u2321\u2500\u2502\u250c\u2510\u2514\u2518\u251c\u2524\u252c\u2534\u253c\u2550-\u256c\u2580\u2584\u2588\u258c\u2590-\u2593\u25a0-\u25a1\u25aa-\u25ac\u25b2\u25ba\u25bc\u25c4\u25ca-\u25cb\u25cf\u25d8-\u25d9\u25e6\u263a-\u263c\u2640\u2642\u2660\u2663\u2665-\u2666\u266a-\u266c\ufb01-\ufb02]'
$$;
comment on function public.is_invoice_printable(text) is 'True when the invoice font (Liberation Sans) can draw every character of the text; control characters are is_clean_text''s to judge.';
grant execute on function public.is_invoice_printable(text) to anon, authenticated, service_role;

-- The trigger's arguments name the columns to check.
-- The refusal names its column and a constraint <table>_<column>_printable, so the app maps it
-- to the field (lib/db/constraint-messages.ts) like any CHECK.
create function private.refuse_unprintable_text() returns trigger
language plpgsql set search_path = ''
as $$
declare
  col text;
  fresh jsonb := pg_catalog.to_jsonb(new);
  previous jsonb := case when tg_op = 'UPDATE' then pg_catalog.to_jsonb(old) end;
begin
  foreach col in array tg_argv loop
    if (previous is null or fresh -> col is distinct from previous -> col)
       and not public.is_invoice_printable(fresh ->> col) then
      raise exception 'text_not_printable_on_invoice' using errcode = '23514', table = tg_table_name, column = col,
        constraint = tg_table_name || '_' || col || '_printable',
        detail = 'The invoice font (Liberation Sans) cannot draw every character of this text.';
    end if;
  end loop;
  return new;
end
$$;
comment on function private.refuse_unprintable_text() is 'Trigger: refuses a written or changed value of the named columns that the invoice font cannot draw.';
revoke execute on function private.refuse_unprintable_text() from public;

create trigger business_profiles_printable before insert or update on public.business_profiles
  for each row execute function private.refuse_unprintable_text('legal_name', 'address_line1', 'address_line2', 'postal_code', 'city', 'phone', 'email', 'invoice_footer');
create trigger client_details_printable before insert or update on public.client_details
  for each row execute function private.refuse_unprintable_text('name', 'org_number', 'address_line1', 'address_line2', 'postal_code', 'city', 'email');
create trigger invoice_lines_printable before insert or update on public.invoice_lines
  for each row execute function private.refuse_unprintable_text('description', 'unit');
create trigger invoices_printable before insert or update on public.invoices
  for each row execute function private.refuse_unprintable_text('message', 'buyer_reference', 'seller_reference');

-- Sign-up never fails on the business name it was given (20261201100000_clean_text.sql): the
-- profile's legal name leaves out what the invoice font cannot draw; the owner sees it in the
-- profile and can write it as it should stand on the invoice. Otherwise as before.
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
    values (new_workspace_id, pg_catalog.btrim(pg_catalog.regexp_replace(business_name, '[^\u0020-\u007e\u00a0-\u017f\u0192\u01fa-\u01ff\u0218-\u021b\u02c6-\u02c7\u02c9\u02d8-\u02dd\u037e\u0384-\u038a\u038c\u038e-\u03a1\u03a3-\u03ce\u0400-\u045f\u0472-\u0473\u0490-\u0491\u1e80-\u1e85\u1ef2-\u1ef3\u2010-\u2011\u2013-\u2015\u2017-\u201e\u2020-\u2022\u2026\u2030\u2032-\u2033\u2039-\u203a\u203c\u203e\u2044\u207f\u20a3-\u20a4\u20a7\u20ac\u2105\u2113\u2116\u2122\u2126\u212e\u215b-\u215e\u2190-\u2195\u21a8\u2202\u2206\u220f\u2211-\u2212\u2215\u2219-\u221a\u221e-\u221f\u2229\u222b\u2248\u2260-\u2261\u2264-\u2265\u2302\u2310\u2320-\u2321\u2500\u2502\u250c\u2510\u2514\u2518\u251c\u2524\u252c\u2534\u253c\u2550-\u256c\u2580\u2584\u2588\u258c\u2590-\u2593\u25a0-\u25a1\u25aa-\u25ac\u25b2\u25ba\u25bc\u25c4\u25ca-\u25cb\u25cf\u25d8-\u25d9\u25e6\u263a-\u263c\u2640\u2642\u2660\u2663\u2665-\u2666\u266a-\u266c\ufb01-\ufb02]', '', 'g')),
            case when new.email ~ '^[^@\s]+@[^@\s]+$' and public.is_invoice_printable(new.email) then new.email end);
  return new;
end
$$;
