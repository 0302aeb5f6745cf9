-- Onboarding: a new consultant is led to a short guided form for what invoices need. Finishing
-- or skipping it is remembered here, so the guide is offered once and never forced.

alter table public.business_profiles add column onboarding_done_at timestamptz;
comment on column public.business_profiles.onboarding_done_at is 'When the owner finished or skipped the onboarding guide; null = offer it.';
