-- The dashboard sums unbilled billable hours per client on every visit. A partial index holds
-- just those rows (the work not yet invoiced), so the sum costs the same however many years of
-- invoiced or non-billable history the workspace has.

create index time_entries_unbilled_idx on public.time_entries (workspace_id, node_id)
  include (minutes, hourly_rate_ore)
  where billable and invoice_line_id is null;
comment on index public.time_entries_unbilled_idx is 'Unbilled billable hours per workspace and node (dashboard totals).';
