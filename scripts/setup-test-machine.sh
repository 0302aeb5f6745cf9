#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian machine: PostgreSQL 15 (the database
# tests run on it as well as on PGlite) with plpgsql_check (the Supabase CLI's `db lint` needs
# it), Chromium and poppler-utils (browser and PDF tests), and the npm dependencies pinned in
# package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql)
[ -f /usr/share/postgresql/15/extension/plpgsql_check.control ] || need+=(postgresql-15-plpgsql-check)
command -v chromium >/dev/null || need+=(chromium)
command -v pdftotext >/dev/null || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then echo "Please install as root: apt-get install -y ${need[*]}" >&2; exit 1; fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
npm ci --no-audit --no-fund
