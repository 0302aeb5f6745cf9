-- The owner may continue a numbering from another program: before anything in a series was
-- sent, its first number can be chosen. number_series.first_number remembers where the series
-- started, so "nothing sent yet" is next_number = first_number and survives retention deleting
-- old invoices. After the first send the counter only ever moves by one, for every role.

alter table public.number_series add column first_number bigint not null default 1
  constraint number_series_first_number_range check (first_number between 1 and 999999999);
-- Existing series started at 1, the only start there was (the default).
comment on column public.number_series.first_number is 'The number the series started at; next_number = first_number while nothing in it was sent.';

create or replace function private.number_series_increment_only() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if new.series <> old.series or new.workspace_id <> old.workspace_id
     or not ((new.next_number = old.next_number + 1 and new.first_number = old.first_number)
             or (old.next_number = old.first_number and new.next_number = new.first_number)) then
    raise exception 'number_series_increment_only' using errcode = '23514', constraint = 'number_series_increment_only',
      table = 'number_series';
  end if;
  return new;
end
$$;

create function private.set_first_invoice_number(workspace uuid, series_name text, first bigint) returns public.number_series
language plpgsql security definer set search_path = ''
as $$
declare
  s public.number_series;
begin
  if workspace is null or workspace not in (select private.my_owned_workspaces()) then
    raise exception 'not_workspace_owner' using errcode = '42501';
  end if;
  if first is null or first not between 1 and 999999999 then
    raise exception 'number_series_first_number_range' using errcode = '23514', constraint = 'number_series_first_number_range',
      table = 'number_series', column = 'first_number';
  end if;
  insert into public.number_series (workspace_id, series) values (workspace, series_name) on conflict do nothing;
  select * into s from public.number_series n where n.workspace_id = workspace and n.series = series_name for update;
  if s.next_number <> s.first_number then
    raise exception 'number_series_started' using errcode = '55000',
      detail = 'Something in this series was sent; its numbers continue from there.';
  end if;
  update public.number_series n set first_number = first, next_number = first
    where n.workspace_id = workspace and n.series = series_name returning * into s;
  return s;
end
$$;
revoke execute on function private.set_first_invoice_number(uuid, text, bigint) from public;
grant execute on function private.set_first_invoice_number(uuid, text, bigint) to authenticated;

create function public.set_first_invoice_number(workspace_id uuid, first_number bigint, series text default 'invoice')
returns public.number_series
language sql volatile security invoker set search_path = ''
as $$ select * from private.set_first_invoice_number(workspace_id, series, first_number) $$;
comment on function public.set_first_invoice_number(uuid, bigint, text) is 'Sets the number the first sent invoice of a series gets (to continue a series from another program); refused (number_series_started) once anything in the series was sent. Owner only.';
grant execute on function public.set_first_invoice_number(uuid, bigint, text) to authenticated;
