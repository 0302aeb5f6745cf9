-- An owner may require their accountants to sign in with two factors before they see anything of
-- the workspace (issue 18): a workspace setting the owner changes like the workspace's name (the
-- workspaces_update policy already lets only the owner). The restrictive policies of the next
-- migration read it.

alter table public.workspaces
  add column accountants_need_second_factor boolean not null default false;
comment on column public.workspaces.accountants_need_second_factor is
  'When true, an accountant of this workspace sees and changes nothing of it until their session has passed a second factor (aal2).';
