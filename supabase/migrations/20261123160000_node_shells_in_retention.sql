-- An account purge (private.run_retention) keeps the nodes that kept invoices and billed hours
-- point to as empty shells without a parent, whatever their kind; the mind-map's shape rule
-- (20261123110000_node_hierarchy) lets that one writer through and still holds for every other.

create or replace function private.nodes_parent_kind_valid() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  parent_kind text;
begin
  -- The retention job keeps nodes that kept invoices point to as empty root shells.
  if private.in_retention_run() then
    return null;
  end if;
  -- Definer: the parent as it is, not as the writer's RLS shows it (same workspace is the FK's job).
  if new.parent_id is not null then
    select n.kind into parent_kind from public.nodes n where n.id = new.parent_id;
  end if;
  if not coalesce(case new.kind
      when 'client' then new.parent_id is null
      when 'project' then parent_kind = 'client'
      when 'task' then parent_kind = 'project'
      when 'note' then new.parent_id is null or parent_kind in ('client', 'project', 'task')
      else false
    end, false) then
    raise exception 'nodes_parent_kind_valid' using errcode = '23514', constraint = 'nodes_parent_kind_valid',
      table = 'nodes', column = 'parent_id',
      detail = 'Clients sit at the root, projects under clients, tasks under projects, notes anywhere but under a note.';
  end if;
  return null;
end
$$;
