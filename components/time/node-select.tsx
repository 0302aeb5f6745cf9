'use client';
// Picks a client, project or task, grouped by client (a native select: keyboard and phone friendly).
import { useId, type SelectHTMLAttributes } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { cn } from '@/components/ui/cn';
import type { TimeNode } from '@/lib/time/nodes';

export function groupByClient(nodes: TimeNode[]) {
  const groups = new Map<string, { title: string; nodes: TimeNode[] }>();
  for (const node of nodes) {
    const group = groups.get(node.clientId) ?? { title: node.clientTitle, nodes: [] };
    group.nodes.push(node);
    groups.set(node.clientId, group);
  }
  return [...groups.values()];
}

/** The node's label inside its client's group: the path without the client. */
export const labelInGroup = (node: TimeNode) => (node.kind === 'client' ? node.clientTitle : node.path.split(' › ').slice(1).join(' › '));

export function NodeSelect({
  nodes,
  label,
  error,
  className,
  ...props
}: { nodes: TimeNode[]; label: string; error?: string } & SelectHTMLAttributes<HTMLSelectElement>) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="space-y-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={cn('shadow-xs', className)}
        {...props}
      >
        <option value="">{t('time.entry.choose')}</option>
        {groupByClient(nodes).map((group) => (
          <optgroup key={group.title + group.nodes[0].id} label={group.title}>
            {group.nodes.map((node) => (
              <option key={node.id} value={node.id}>
                {labelInGroup(node)}
              </option>
            ))}
          </optgroup>
        ))}
      </Select>
      {error && (
        <p id={`${id}-error`} className="text-sm text-danger">
          {error}
        </p>
      )}
    </div>
  );
}
