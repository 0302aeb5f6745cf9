-- Reverse charge needs the buyer's VAT number in the format of the buyer's EU country (ML
-- 2023:200 ch. 17 asks for it on the invoice; a number in the wrong format or of another
-- country is not one). The shape check of is_valid_vat_number() stays for client details; the
-- country-aware check below is what sending an EU reverse-charge invoice requires.

-- The 27 EU member states by ISO 3166-1 alpha-2 code.
create function public.is_eu_country(country text) returns boolean
language sql immutable strict parallel safe set search_path = ''
as $$
  select country = any (array['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE',
    'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK'])
$$;
comment on function public.is_eu_country(text) is 'True for the ISO code of an EU member state (SE included).';

-- The VAT number format of each member state as the EU's VIES lists it; Greece's numbers carry
-- the prefix EL, every other country's its ISO code. Swedish numbers get their full check.
create function public.is_valid_eu_vat_number(value text, country text) returns boolean
language sql immutable strict parallel safe set search_path = ''
as $$
  select case country
    when 'SE' then public.is_valid_se_vat_number(value)
    when 'AT' then value ~ '^ATU[0-9]{8}$'
    when 'BE' then value ~ '^BE[01][0-9]{9}$'
    when 'BG' then value ~ '^BG[0-9]{9,10}$'
    when 'CY' then value ~ '^CY[0-9]{8}[A-Z]$'
    when 'CZ' then value ~ '^CZ[0-9]{8,10}$'
    when 'DE' then value ~ '^DE[0-9]{9}$'
    when 'DK' then value ~ '^DK[0-9]{8}$'
    when 'EE' then value ~ '^EE[0-9]{9}$'
    when 'GR' then value ~ '^EL[0-9]{9}$'
    when 'ES' then value ~ '^ES[0-9A-Z][0-9]{7}[0-9A-Z]$' and value !~ '^ES[0-9]{9}$'
    when 'FI' then value ~ '^FI[0-9]{8}$'
    when 'FR' then value ~ '^FR[0-9A-HJ-NP-Z]{2}[0-9]{9}$'
    when 'HR' then value ~ '^HR[0-9]{11}$'
    when 'HU' then value ~ '^HU[0-9]{8}$'
    when 'IE' then value ~ '^IE([0-9]{7}[A-W][A-IW]?|[0-9][A-Z+*][0-9]{5}[A-W])$'
    when 'IT' then value ~ '^IT[0-9]{11}$'
    when 'LT' then value ~ '^LT([0-9]{9}|[0-9]{12})$'
    when 'LU' then value ~ '^LU[0-9]{8}$'
    when 'LV' then value ~ '^LV[0-9]{11}$'
    when 'MT' then value ~ '^MT[0-9]{8}$'
    when 'NL' then value ~ '^NL[0-9]{9}B[0-9]{2}$'
    when 'PL' then value ~ '^PL[0-9]{10}$'
    when 'PT' then value ~ '^PT[0-9]{9}$'
    when 'RO' then value ~ '^RO[1-9][0-9]{1,9}$'
    when 'SI' then value ~ '^SI[0-9]{8}$'
    when 'SK' then value ~ '^SK[0-9]{10}$'
    else false
  end
$$;
comment on function public.is_valid_eu_vat_number(text, text) is 'True when value is a VAT number in the format of the given EU country (prefix included; EL for GR; full check for SE).';

grant execute on function public.is_eu_country(text), public.is_valid_eu_vat_number(text, text) to anon, authenticated, service_role;
