-- Check-digit validation for Swedish identifiers, used by CHECK constraints so malformed numbers
-- are refused by the database whichever client writes them. They live in public and are plain
-- invoker functions (CHECK constraints run them with the writer's privileges), immutable and
-- with a pinned search_path.

-- Functions are not executable by everyone unless granted one by one.
alter default privileges revoke execute on functions from public;
alter default privileges in schema public revoke execute on functions from anon, authenticated;

-- Luhn (mod 10) over a digit string; the rightmost digit is the check digit.
create function public.luhn_valid(digits text) returns boolean
language sql immutable strict parallel safe set search_path = ''
as $$
  select digits ~ '^[0-9]+$' and (
    select sum(case when s.i % 2 = 0 then (case when s.d * 2 > 9 then s.d * 2 - 9 else s.d * 2 end) else s.d end) % 10 = 0
    from (select substr(reverse(digits), g.i, 1)::int as d, g.i from pg_catalog.generate_series(1, length(digits)) as g(i)) s
  )
$$;
comment on function public.luhn_valid(text) is 'True when a digit string passes the Luhn (mod 10) check.';

-- Organisation number or personnummer in the 10-digit form NNNNNN-NNNN (enskild firma uses the
-- owner's personnummer), Luhn over the ten digits.
create function public.is_valid_org_number(value text) returns boolean
language sql immutable strict parallel safe set search_path = ''
as $$
  select value ~ '^[0-9]{6}-[0-9]{4}$' and public.luhn_valid(replace(value, '-', ''))
$$;
comment on function public.is_valid_org_number(text) is 'Swedish organisation number / personnummer as NNNNNN-NNNN with a valid Luhn check digit.';

-- Swedish VAT number: SE + the 10-digit organisation number + 01.
create function public.is_valid_se_vat_number(value text) returns boolean
language sql immutable strict parallel safe set search_path = ''
as $$
  select value ~ '^SE[0-9]{10}01$' and public.luhn_valid(substr(value, 3, 10))
$$;
comment on function public.is_valid_se_vat_number(text) is 'Swedish VAT number SE + 10-digit organisation number (Luhn) + 01.';

-- Any EU VAT number: Swedish ones are checked fully, others by shape only.
create function public.is_valid_vat_number(value text) returns boolean
language sql immutable strict parallel safe set search_path = ''
as $$
  select case when value like 'SE%' then public.is_valid_se_vat_number(value)
              else value ~ '^[A-Z]{2}[0-9A-Z+*.]{2,13}$' end
$$;
comment on function public.is_valid_vat_number(text) is 'EU VAT number: full check for SE, shape check (country prefix + 2-13 characters) for others.';

-- Bankgiro: 7 or 8 digits written NNN-NNNN or NNNN-NNNN, Luhn over the digits.
create function public.is_valid_bankgiro(value text) returns boolean
language sql immutable strict parallel safe set search_path = ''
as $$
  select value ~ '^[0-9]{3,4}-[0-9]{4}$' and public.luhn_valid(replace(value, '-', ''))
$$;
comment on function public.is_valid_bankgiro(text) is 'Bankgiro number NNN-NNNN or NNNN-NNNN with a valid Luhn check digit.';

-- Plusgiro: 2 to 8 digits, the last after a hyphen, Luhn over the digits.
create function public.is_valid_plusgiro(value text) returns boolean
language sql immutable strict parallel safe set search_path = ''
as $$
  select value ~ '^[0-9]{1,7}-[0-9]$' and public.luhn_valid(replace(value, '-', ''))
$$;
comment on function public.is_valid_plusgiro(text) is 'Plusgiro number N…N-N (2-8 digits) with a valid Luhn check digit.';

-- IBAN (no spaces, upper case): move the first four characters to the end, letters to 10..35,
-- and the number mod 97 must be 1.
create function public.is_valid_iban(value text) returns boolean
language sql immutable strict parallel safe set search_path = ''
as $$
  select value ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$' and (
    select string_agg(case when c ~ '[0-9]' then c else (ascii(c) - 55)::text end, '' order by n)::numeric % 97 = 1
    from pg_catalog.regexp_split_to_table(substr(value, 5) || substr(value, 1, 4), '') with ordinality as t(c, n)
  )
$$;
comment on function public.is_valid_iban(text) is 'IBAN without spaces, upper case, passing the ISO 13616 mod-97 check.';

create function public.is_valid_bic(value text) returns boolean
language sql immutable strict parallel safe set search_path = ''
as $$
  select value ~ '^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$'
$$;
comment on function public.is_valid_bic(text) is 'BIC/SWIFT code shape (8 or 11 characters).';

grant execute on function public.luhn_valid(text), public.is_valid_org_number(text), public.is_valid_se_vat_number(text),
  public.is_valid_vat_number(text), public.is_valid_bankgiro(text), public.is_valid_plusgiro(text),
  public.is_valid_iban(text), public.is_valid_bic(text)
  to anon, authenticated, service_role;
