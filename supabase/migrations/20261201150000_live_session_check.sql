-- Signing out ends access at once. An access token stays valid for up to an hour after its
-- session was deleted (sign-out, global sign-out, a password reset signing out everywhere), and
-- PostgREST-style RLS alone would keep serving it. The app's one transaction entry point calls
-- this in its opening round trip and treats `false` as signed out; the lookup is the primary key
-- of auth.sessions. A token without a session_id (never issued to a user by Auth) is not live.

create function private.session_is_live() returns boolean
language sql stable security definer set search_path = ''
as $$
  select coalesce(auth.jwt() ->> 'session_id', '') ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
     and exists (
       select from auth.sessions s
        where s.id = (auth.jwt() ->> 'session_id')::uuid
          and s.user_id = auth.uid()
          and (s.not_after is null or s.not_after > pg_catalog.now())
     )
$$;
comment on function private.session_is_live() is 'Whether the session named by the caller''s JWT (session_id) still exists for the caller and has not timed out: false after sign-out.';
revoke execute on function private.session_is_live() from public;
grant execute on function private.session_is_live() to authenticated;
