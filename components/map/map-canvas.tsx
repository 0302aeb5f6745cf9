'use client';
// The mind-map canvas (React Flow): nodes where the user put them, edges from parent to child.
// Dragging moves a node on screen at once and saves its position when it is let go.
import '@xyflow/react/dist/style.css';
import {
  applyNodeChanges,
  Background,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Edge,
  type NodeChange,
} from '@xyflow/react';
import { useTheme } from 'next-themes';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { Button } from '@/components/ui/button';
import type { MapNode } from '@/lib/map/types';
import { nodeColour } from './kind-style';
import { useMapActions } from './map-context';
import { MindNode, type MindFlowNode } from './mind-node';

const nodeTypes = { mind: MindNode };

export interface FocusRequest {
  id: string;
  nonce: number;
}

interface Props {
  nodes: MapNode[];
  selectedId: string | null;
  focus: FocusRequest | null;
}

function Canvas({ nodes, selectedId, focus }: Props) {
  const { t } = useI18n();
  const actions = useMapActions();
  const flow = useReactFlow<MindFlowNode>();
  const { resolvedTheme } = useTheme();
  const [flowNodes, setFlowNodes] = useState<MindFlowNode[]>([]);

  // The map's nodes drive the canvas; React Flow's own state (measured sizes) is kept across updates.
  useEffect(() => {
    setFlowNodes((previous) => {
      const before = new Map(previous.map((n) => [n.id, n]));
      return nodes.map((node) => ({
        ...before.get(node.id),
        id: node.id,
        type: 'mind' as const,
        position: { x: node.x, y: node.y },
        data: { node },
        selected: node.id === selectedId,
        ariaLabel: `${t(`map.kinds.${node.kind}`)}: ${node.title || t(`map.kinds.untitled.${node.kind}`)}`,
      }));
    });
  }, [nodes, selectedId, t]);

  const edges = useMemo<Edge[]>(() => {
    const ids = new Set(nodes.map((n) => n.id));
    return nodes
      .filter((n) => n.parentId && ids.has(n.parentId))
      .map((n) => ({ id: `${n.parentId}-${n.id}`, source: n.parentId!, target: n.id, style: { stroke: nodeColour(n), strokeWidth: 1.5 } }));
  }, [nodes]);

  const onNodesChange = useCallback(
    (changes: NodeChange<MindFlowNode>[]) => {
      setFlowNodes((current) => applyNodeChanges(changes, current));
      for (const change of changes) {
        if (change.type === 'position' && change.dragging === false && change.position) {
          actions.change(change.id, { x: change.position.x, y: change.position.y });
        }
        if (change.type === 'select' && change.selected) actions.select(change.id);
      }
    },
    [actions],
  );

  useEffect(() => {
    if (!focus) return;
    const target = flow.getNode(focus.id);
    if (!target) return;
    const w = target.measured?.width ?? 208;
    const h = target.measured?.height ?? 80;
    void flow.setCenter(target.position.x + w / 2, target.position.y + h / 2, { zoom: 1.2, duration: 400 });
  }, [focus, flow]);

  return (
    <ReactFlow
      nodes={flowNodes}
      edges={edges}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onPaneClick={() => actions.select(null)}
      nodesConnectable={false}
      fitView
      fitViewOptions={{ padding: 0.2, maxZoom: 1.2 }}
      minZoom={0.1}
      proOptions={{ hideAttribution: true }}
      colorMode={resolvedTheme === 'dark' ? 'dark' : 'light'}
      aria-label={t('map.canvas.label')}
    >
      <Background gap={24} />
      <Controls showInteractive={false} />
      <MiniMap pannable zoomable className="!hidden sm:!block" nodeColor={(n) => nodeColour((n.data as { node: MapNode }).node)} />
      <Panel position="top-right">
        <Button size="sm" variant="secondary" onClick={() => void flow.fitView({ padding: 0.2, duration: 400, maxZoom: 1.2 })}>
          {t('map.actions.fitView')}
        </Button>
      </Panel>
      <Panel position="top-left" className="hidden max-w-64 rounded-md bg-surface/90 px-2 py-1 text-xs text-muted md:block">
        {t('map.canvas.hint')}
      </Panel>
    </ReactFlow>
  );
}

export function MapCanvas(props: Props) {
  return (
    <ReactFlowProvider>
      <Canvas {...props} />
    </ReactFlowProvider>
  );
}
