-- The mind-map's shape, enforced whichever client writes: clients at the root, projects under
-- clients, tasks under projects, notes at the root or under any client, project or task (never
-- under another note, so no chain of nodes can loop back on itself). A constraint trigger runs
-- after the statement's rows are in, so one statement may insert a parent and its children in
-- any order (the demo seed and the import do).

create function private.nodes_parent_kind_valid() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  parent_kind text;
begin
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
revoke execute on function private.nodes_parent_kind_valid() from public;
comment on function private.nodes_parent_kind_valid() is 'Constraint trigger: a node''s parent has the kind its own kind needs.';

create constraint trigger nodes_parent_kind_valid after insert or update of parent_id on public.nodes
  for each row execute function private.nodes_parent_kind_valid();
