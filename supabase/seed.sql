-- Demo data, loaded on a fresh database (as `supabase start` does) and by the reset command.
-- A demo consultant (demo@konsultverkstad.test / demo-losen-2026) and their accountant
-- (redovisning@konsultverkstad.test, same password), with clients, projects, tasks, notes, hours
-- and invoices in every status, a credit note included. Every company, number and address here
-- is fictional; the numbers only have valid check digits. Dates follow the day the seed runs
-- (Europe/Stockholm): hours over the two months before this one and this month up to today (today
-- included, so the dashboard's week and month are never empty), invoices for those two months and
-- a draft for this one. Both sign-ins are shared by everyone who tries the demo: app_metadata.demo
-- makes the app say so.
--
-- Runs as the superuser. The invoicing functions are called with the demo user's claims set
-- (set_config(..., true), local to this transaction) so they act, and are audited, as that user.

insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
    raw_app_meta_data, raw_user_meta_data, created_at, updated_at, confirmation_token, recovery_token,
    email_change_token_new, email_change)
values
  ('00000000-0000-0000-0000-000000000000', 'd0000000-0000-4000-8000-000000000001', 'authenticated', 'authenticated',
   'demo@konsultverkstad.test', extensions.crypt('demo-losen-2026', extensions.gen_salt('bf', 10)), now(),
   '{"provider":"email","providers":["email"],"demo":true}', '{"business_name":"Ekbacken IT-konsult"}', now(), now(), '', '', '', ''),
  ('00000000-0000-0000-0000-000000000000', 'd0000000-0000-4000-8000-000000000002', 'authenticated', 'authenticated',
   'redovisning@konsultverkstad.test', extensions.crypt('demo-losen-2026', extensions.gen_salt('bf', 10)), now(),
   '{"provider":"email","providers":["email"],"demo":true}', '{"business_name":"Siffergården Redovisning"}', now(), now(), '', '', '', '');

insert into auth.identities (id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
values
  ('d0000000-0000-4000-8000-000000000011', 'd0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000001',
   '{"sub":"d0000000-0000-4000-8000-000000000001","email":"demo@konsultverkstad.test","email_verified":true}', 'email', now(), now(), now()),
  ('d0000000-0000-4000-8000-000000000012', 'd0000000-0000-4000-8000-000000000002', 'd0000000-0000-4000-8000-000000000002',
   '{"sub":"d0000000-0000-4000-8000-000000000002","email":"redovisning@konsultverkstad.test","email_verified":true}', 'email', now(), now(), now());

do $$
declare
  demo constant uuid := 'd0000000-0000-4000-8000-000000000001';
  accountant constant uuid := 'd0000000-0000-4000-8000-000000000002';
  ws uuid;
  -- clients
  nordljus constant uuid := 'c0000000-0000-4000-8000-000000000001';
  fjallbacka constant uuid := 'c0000000-0000-4000-8000-000000000002';
  ostsee constant uuid := 'c0000000-0000-4000-8000-000000000003';
  kastanjen constant uuid := 'c0000000-0000-4000-8000-000000000004';
  -- projects and tasks
  portal constant uuid := 'c0000000-0000-4000-8000-000000000011';
  api_task constant uuid := 'c0000000-0000-4000-8000-000000000012';
  security_task constant uuid := 'c0000000-0000-4000-8000-000000000013';
  warehouse constant uuid := 'c0000000-0000-4000-8000-000000000021';
  migration_task constant uuid := 'c0000000-0000-4000-8000-000000000022';
  datahub constant uuid := 'c0000000-0000-4000-8000-000000000031';
  drawings constant uuid := 'c0000000-0000-4000-8000-000000000041';
  inv uuid;
  line uuid;
  credit uuid;
  -- this month (m0) and the two before it (m1, m2), and their names as the invoice lines give them
  today constant date := private.stockholm_today();
  m0 constant date := date_trunc('month', today)::date;
  m1 constant date := (m0 - interval '1 month')::date;
  m2 constant date := (m0 - interval '2 months')::date;
  months constant text[] := array['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september',
                                  'oktober', 'november', 'december'];
  m0_name constant text := months[extract(month from m0)::int];
  m1_name constant text := months[extract(month from m1)::int];
  m2_name constant text := months[extract(month from m2)::int];
begin
  select m.workspace_id into ws from public.workspace_members m where m.user_id = demo and m.role = 'owner';
  perform set_config('request.jwt.claims',
    json_build_object('sub', demo, 'role', 'authenticated', 'aud', 'authenticated', 'email', 'demo@konsultverkstad.test')::text, true);

  update public.business_profiles set legal_name = 'Ekbacken IT-konsult', org_number = '559999-0016',
      vat_number = 'SE559999001601', f_skatt = true, address_line1 = 'Ekbacksvägen 12', postal_code = '123 45',
      city = 'Ekby', phone = '070-000 00 00', email = 'demo@konsultverkstad.test', bankgiro = '999-1233',
      iban = 'SE1480000999912345678901', bic = 'SWEDSESS', invoice_footer = 'Tack för uppdraget!',
      default_payment_terms_days = 30, default_hourly_rate_ore = 95000
    where workspace_id = ws;

  insert into public.workspace_members (workspace_id, user_id, role) values (ws, accountant, 'accountant');

  -- The mind-map.
  insert into public.nodes (id, workspace_id, parent_id, kind, title, body, position_x, position_y, colour) values
    (nordljus, ws, null, 'client', 'Nordljus Energi AB', 'Energibolag i norr. Kontakt: inköpsavdelningen.', 0, 0, '#f2c14e'),
    (fjallbacka, ws, null, 'client', 'Fjällbacka Logistik AB', '', 400, 0, '#5b8e7d'),
    (ostsee, ws, null, 'client', 'Ostsee Daten GmbH', 'Tysk kund: omvänd betalningsskyldighet.', 0, 400, '#4d7ea8'),
    (kastanjen, ws, null, 'client', 'Kastanjen Arkitekter AB', '', 400, 400, '#a44a3f'),
    (portal, ws, nordljus, 'project', 'Kundportal', E'## Mål\nNy självbetjäningsportal för elkunder.', 0, 150, null),
    (api_task, ws, portal, 'task', 'API-integration mot mätdata', '', -100, 300, null),
    (security_task, ws, portal, 'task', 'Säkerhetsgranskning', '', 100, 300, null),
    (warehouse, ws, fjallbacka, 'project', 'Lagersystem', '', 400, 150, null),
    (migration_task, ws, warehouse, 'task', 'Datamigrering', '', 400, 300, null),
    (datahub, ws, ostsee, 'project', 'Datahub', '', 0, 550, null),
    (drawings, ws, kastanjen, 'project', 'Ritningsarkiv', '', 400, 550, null);
  insert into public.nodes (workspace_id, parent_id, kind, title, body, position_x, position_y) values
    (ws, portal, 'note', 'Möte om inloggningen', E'- Inloggning med BankID\n- Driftsättning före jul', 200, 150),
    (ws, warehouse, 'note', 'Idéer', 'Streckkodsläsare i appen?', 600, 150),
    (ws, null, 'note', 'Att göra', 'Förnya ansvarsförsäkringen.', 800, 0);

  insert into public.client_details (node_id, workspace_id, name, org_number, vat_number, address_line1, postal_code, city,
      country, email, reverse_charge, payment_terms_days, default_hourly_rate_ore) values
    (nordljus, ws, 'Nordljus Energi AB', '556999-1010', 'SE556999101001', 'Norrskensgatan 1', '901 00', 'Norrby', 'SE', 'faktura@nordljus.test', false, 30, 105000),
    (fjallbacka, ws, 'Fjällbacka Logistik AB', '556999-2026', 'SE556999202601', 'Hamnvägen 7', '450 00', 'Fjällby', 'SE', 'ekonomi@fjallbacka.test', false, 20, null),
    (ostsee, ws, 'Ostsee Daten GmbH', 'HRB 000000', 'DE000000000', 'Hafenstraße 3', '18055', 'Rostock', 'DE', 'rechnung@ostsee.test', true, 30, 110000),
    (kastanjen, ws, 'Kastanjen Arkitekter AB', '556999-3032', 'SE556999303201', 'Kastanjeallén 9', '211 00', 'Kastanjeby', 'SE', null, false, null, null);

  -- Hours: weekdays from the start of m2 up to yesterday, and today's on Kastanjen (unbilled).
  insert into public.time_entries (workspace_id, node_id, entry_date, minutes, hourly_rate_ore, description)
  select ws, case when extract(day from d)::int % 3 = 0 then security_task else api_task end, d::date, 360, 105000,
         case when extract(day from d)::int % 3 = 0 then 'Granskning av behörigheter' else 'Integration mot mätdatatjänsten' end
    from generate_series(m2, today - 1, interval '1 day') d
   where extract(isodow from d) < 6 and extract(day from d)::int % 2 = 0;
  insert into public.time_entries (workspace_id, node_id, entry_date, minutes, hourly_rate_ore, description)
  select ws, migration_task, d::date, 240, 95000, 'Migrering av artikelregister'
    from generate_series(m2, m1 - 1, interval '1 day') d
   where extract(isodow from d) < 6 and extract(day from d)::int % 2 = 1;
  insert into public.time_entries (workspace_id, node_id, entry_date, minutes, hourly_rate_ore, description)
  select ws, datahub, d::date, 300, 110000, 'Data pipeline design'
    from generate_series(m1, m0 - 1, interval '1 day') d
   where extract(isodow from d) in (2, 4);
  insert into public.time_entries (workspace_id, node_id, entry_date, minutes, hourly_rate_ore, description, billable) values
    (ws, drawings, greatest(m0, today - 2), 90, 95000, 'Förstudie', true),
    (ws, drawings, today, 120, 95000, 'Uppstartsmöte', true),
    (ws, kastanjen, today, 45, 0, 'Offertarbete', false);

  -- Invoice 1: Nordljus, m2: sent and paid.
  insert into public.invoices (workspace_id, client_node_id, issue_date, period_start, period_end, message)
    values (ws, nordljus, today, m2, m1 - 1, 'Konsulttjänster ' || m2_name || '.') returning id into inv;
  insert into public.invoice_lines (workspace_id, invoice_id, position, description, quantity, unit, unit_price_ore, vat_rate)
    select ws, inv, 1, 'Konsulttjänster Kundportal, ' || m2_name, sum(minutes) / 60.0, 'h', 105000, 25
      from public.time_entries where node_id in (api_task, security_task) and entry_date between m2 and m1 - 1
    returning id into line;
  update public.time_entries set invoice_line_id = line
    where node_id in (api_task, security_task) and entry_date between m2 and m1 - 1;
  perform public.send_invoice(inv);
  perform public.mark_invoice_paid(inv);

  -- Invoice 2: Fjällbacka, m2: sent, then fully credited by a credit note (wrong rate).
  insert into public.invoices (workspace_id, client_node_id, issue_date, period_start, period_end)
    values (ws, fjallbacka, today, m2, m1 - 1) returning id into inv;
  insert into public.invoice_lines (workspace_id, invoice_id, position, description, quantity, unit, unit_price_ore, vat_rate) values
    (ws, inv, 1, 'Datamigrering artikelregister, ' || m2_name, 44, 'h', 85000, 25),
    (ws, inv, 2, 'Licens migreringsverktyg', 1, 'st', 250000, 25);
  perform public.send_invoice(inv);
  credit := public.create_credit_note(inv);
  update public.invoices set message = 'Kreditering: fel timpris på faktura 2.' where id = credit;
  perform public.send_invoice(credit);

  -- Invoice 4: the corrected Fjällbacka invoice, billing the hours: sent, not yet paid.
  insert into public.invoices (workspace_id, client_node_id, issue_date, period_start, period_end)
    values (ws, fjallbacka, today, m2, m1 - 1) returning id into inv;
  insert into public.invoice_lines (workspace_id, invoice_id, position, description, quantity, unit, unit_price_ore, vat_rate)
    select ws, inv, 1, 'Datamigrering artikelregister, ' || m2_name, sum(minutes) / 60.0, 'h', 95000, 25
      from public.time_entries where node_id = migration_task
    returning id into line;
  update public.time_entries set invoice_line_id = line where node_id = migration_task;
  insert into public.invoice_lines (workspace_id, invoice_id, position, description, quantity, unit, unit_price_ore, vat_rate)
    values (ws, inv, 2, 'Licens migreringsverktyg', 1, 'st', 250000, 25);
  perform public.send_invoice(inv);

  -- Invoice 5: Ostsee Daten, m1: reverse charge (EU), sent.
  insert into public.invoices (workspace_id, client_node_id, issue_date, period_start, period_end, reverse_charge, message)
    values (ws, ostsee, today, m1, m0 - 1, true, 'Reverse charge, Article 196 Council Directive 2006/112/EC.')
    returning id into inv;
  insert into public.invoice_lines (workspace_id, invoice_id, position, description, quantity, unit, unit_price_ore, vat_rate)
    select ws, inv, 1, 'Consulting services, data pipeline, ' || to_char(m1, 'FMMonth YYYY'), sum(minutes) / 60.0, 'h', 110000, 0
      from public.time_entries where node_id = datahub
    returning id into line;
  update public.time_entries set invoice_line_id = line where node_id = datahub;
  perform public.send_invoice(inv);

  -- Invoice 6: Nordljus, m1: sent, paid, then partly credited (one line); stays paid.
  insert into public.invoices (workspace_id, client_node_id, issue_date, period_start, period_end)
    values (ws, nordljus, today, m1, m0 - 1) returning id into inv;
  insert into public.invoice_lines (workspace_id, invoice_id, position, description, quantity, unit, unit_price_ore, vat_rate)
    select ws, inv, 1, 'Konsulttjänster Kundportal, ' || m1_name, sum(minutes) / 60.0, 'h', 105000, 25
      from public.time_entries where node_id in (api_task, security_task) and entry_date between m1 and m0 - 1
    returning id into line;
  update public.time_entries set invoice_line_id = line
    where node_id in (api_task, security_task) and entry_date between m1 and m0 - 1;
  insert into public.invoice_lines (workspace_id, invoice_id, position, description, quantity, unit, unit_price_ore, vat_rate)
    values (ws, inv, 2, 'Facklitteratur', 2, 'st', 45000, 6) returning id into line;
  perform public.send_invoice(inv);
  perform public.mark_invoice_paid(inv);
  credit := public.create_credit_note(inv, array[line]);
  update public.invoices set message = 'Kreditering av rad 2: böckerna returnerade.' where id = credit;

  -- A draft: Nordljus, this month so far (the credit note above also stays a draft).
  insert into public.invoices (workspace_id, client_node_id, period_start, period_end)
    values (ws, nordljus, m0, (m0 + interval '1 month' - interval '1 day')::date) returning id into inv;
  insert into public.invoice_lines (workspace_id, invoice_id, position, description, quantity, unit, unit_price_ore, vat_rate)
    select ws, inv, 1, 'Konsulttjänster Kundportal, ' || m0_name, sum(minutes) / 60.0, 'h', 105000, 25
      from public.time_entries where node_id in (api_task, security_task) and entry_date between m0 and today
    having count(*) > 0 -- on the first of the month there are none yet
    returning id into line;
  update public.time_entries set invoice_line_id = line
    where node_id in (api_task, security_task) and entry_date between m0 and today;

  perform set_config('request.jwt.claims', '', true);
end
$$;
