'use client';
// One node on the canvas: kind, title (double-click or F2 to rename in place), coloured edge. Edges
// enter on the left and leave on the right, as the map is laid out left to right (lib/map/layout.ts).
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { useState } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { cn } from '@/components/ui/cn';
import type { MapNode } from '@/lib/map/types';
import { InlineTitle } from './inline-title';
import { KindBadge } from './kind-badge';
import { nodeColour } from './kind-style';
import { useMapActions } from './map-context';

export type MindFlowNode = Node<{ node: MapNode }, 'mind'>;

export function MindNode({ data, selected }: NodeProps<MindFlowNode>) {
  const { t } = useI18n();
  const actions = useMapActions();
  const [editing, setEditing] = useState(false);
  const { node } = data;
  const colour = nodeColour(node);
  const title = node.title || t(`map.kinds.untitled.${node.kind}`);
  return (
    <div
      data-node-title={node.title}
      onDoubleClick={() => setEditing(true)}
      onKeyDown={(e) => {
        if (e.key === 'F2') setEditing(true);
        if (e.key === 'Enter' && !editing) actions.select(node.id);
      }}
      className={cn(
        'w-52 rounded-xl border-2 bg-surface px-3 py-2 text-left shadow-sm transition-shadow',
        selected && 'shadow-lg ring-2 ring-ring/40',
        node.archivedAt && 'opacity-60',
      )}
      style={{ borderColor: colour }}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} className="!h-1.5 !w-1.5 !border-0 !bg-border" />
      <KindBadge kind={node.kind} colour={colour} />
      <div className="mt-1.5 text-sm font-medium leading-snug text-fg">
        {editing ? (
          <InlineTitle
            value={node.title}
            onCommit={(value) => actions.change(node.id, { title: value })}
            onDone={() => setEditing(false)}
          />
        ) : (
          <span className={cn('line-clamp-3 break-words', !node.title && 'italic text-muted')}>{title}</span>
        )}
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} className="!h-1.5 !w-1.5 !border-0 !bg-border" />
    </div>
  );
}
