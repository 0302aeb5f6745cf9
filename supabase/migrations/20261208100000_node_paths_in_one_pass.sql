-- Node paths for many nodes in one pass (issue 15). public.node_path was a SQL function with its
-- own search_path, so never inlined: a list that called it per row (the week grid, the hours
-- list) walked the tree and checked the policies once per row, about 150 µs each on the 5-year
-- dataset (a week's 46 grid rows: 7 ms of the grid's 15; the hours list's 180 entries: 22 of
-- its 25). node_paths walks up from every node it is given at once, and replaces node_path in
-- every caller (the header's timer passes its one node).

create function public.node_paths(nodes uuid[]) returns table (id uuid, path text)
language sql stable security invoker set search_path = ''
as $$
  with recursive up as (
    select n.id as node, n.parent_id, n.title::text as path, 0 as depth from public.nodes n where n.id = any (nodes)
    union all
    select up.node, p.parent_id, p.title || ' › ' || up.path, up.depth + 1
      from public.nodes p join up on p.id = up.parent_id where up.depth < 50
  )
  -- The longest walk reaches the highest node the caller sees.
  select distinct on (up.node) up.node, up.path from up order by up.node, up.depth desc
$$;
comment on function public.node_paths(uuid[]) is 'For each node given that the caller sees, its titles from the highest visible ancestor down, joined with " › ".';
grant execute on function public.node_paths(uuid[]) to authenticated;

drop function public.node_path(uuid);
