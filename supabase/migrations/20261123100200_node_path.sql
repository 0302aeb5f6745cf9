-- A node's place in the mind-map as one line ("Kund › Projekt › Uppgift"), for lists of hours
-- where a title alone is ambiguous. Invoker: walks only what the caller's RLS shows.

create function public.node_path(node uuid) returns text
language sql stable security invoker set search_path = ''
as $$
  with recursive up as (
    select n.id, n.parent_id, n.title::text as path, 0 as depth from public.nodes n where n.id = node
    union all
    select p.id, p.parent_id, p.title || ' › ' || up.path, up.depth + 1
      from public.nodes p join up on p.id = up.parent_id where up.depth < 50
  )
  select path from up order by depth desc limit 1
$$;
comment on function public.node_path(uuid) is 'Titles from the root down to the node, joined with " › "; null when the node is not visible.';
grant execute on function public.node_path(uuid) to authenticated;
