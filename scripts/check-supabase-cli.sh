#!/usr/bin/env bash
# The Supabase CLI round trip (issue 14): on fresh PostgreSQL 15 databases bootstrapped as strict as
# hosted Supabase, the pinned CLI applies the migrations as postgres (`supabase db push`), after
# which `npm run db:migrate` applies nothing; what db:migrate applied, `supabase migration list`
# and `db push --dry-run` see as applied; and `supabase db lint` (plpgsql_check) reports nothing.
# .ci/run calls this; `npm test` leaves the file out so CI runs it once.
set -euo pipefail
cd "$(dirname "$0")/.."
SUPABASE_CLI_CHECK=1 npx vitest run tests/migrations/supabase-cli.test.ts
