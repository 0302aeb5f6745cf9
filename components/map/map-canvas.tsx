'use client';
// The mind-map canvas (React Flow): nodes where the user put them, edges from parent to child.
// Dragging (or moving with the arrow keys) moves a node and everything under it on screen at once
// and saves their positions when it is let go; a new or searched-for node is brought into view;
// "Arrange" lays the map out left to right (lib/map/layout.ts). The minimap shows only where the
// canvas has room for it beside nodes.
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
  type NodePositionChange,
  type XYPosition,
} from '@xyflow/react';
import { useTheme } from 'next-themes';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { Button } from '@/components/ui/button';
import { descendantIds, layoutTrees } from '@/lib/map/layout';
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

  // The last rendered nodes: where a move starts from.
  const latest = useRef(flowNodes);
  useEffect(() => {
    latest.current = flowNodes;
  }, [flowNodes]);
  // Where a moving node and its subtree stood when the move began (a drag's first step; each
  // arrow-key step is a move of its own). Every step puts the subtree at those places plus the
  // node's distance, on screen and in what is saved; the last render, which may lag the last
  // mouse step, is only read to record a start.
  const moveStarts = useRef(new Map<string, Map<string, XYPosition>>());

  const onNodesChange = useCallback(
    (changes: NodeChange<MindFlowNode>[]) => {
      const moves = changes.filter((c): c is NodePositionChange => c.type === 'position');
      // Nodes moved together in a selection each move by their own change, not along with another.
      const moved = new Set(moves.flatMap((c) => (c.position ? [c.id] : [])));
      const along = new Map<string, Map<string, XYPosition>>();
      let rendered: Map<string, XYPosition> | undefined;
      for (const change of moves) {
        let starts = moveStarts.current.get(change.id);
        if (!starts) {
          const at = (rendered ??= new Map(latest.current.map((n) => [n.id, n.position])));
          starts = new Map([change.id, ...descendantIds(nodes, change.id)].flatMap((id) => (at.has(id) ? [[id, at.get(id)!]] : [])));
        }
        // Kept while a drag goes on; forgotten when it ends (with or without a position) and after
        // a keyboard step, so the next move records its own start.
        if (change.dragging) moveStarts.current.set(change.id, starts);
        else moveStarts.current.delete(change.id);
        const from = starts.get(change.id);
        const to = change.position;
        if (!from || !to) continue;
        along.set(
          change.id,
          new Map([...starts].flatMap(([id, at]) => (moved.has(id) ? [] : [[id, { x: at.x + to.x - from.x, y: at.y + to.y - from.y }]]))),
        );
      }
      const carried = [...along.values()].flatMap((places) =>
        [...places].map(([id, position]) => ({ type: 'position' as const, id, position })),
      );
      setFlowNodes((current) => applyNodeChanges([...changes, ...carried], current));
      for (const change of moves) {
        if (change.dragging || !change.position) continue;
        actions.change(change.id, change.position);
        for (const [id, position] of along.get(change.id) ?? []) actions.change(id, position);
      }
      for (const change of changes) if (change.type === 'select' && change.selected) actions.select(change.id);
    },
    [actions, nodes],
  );

  // Brought into view once it is on the canvas (a node just created is not there yet when asked).
  const focused = useRef<number | null>(null);
  useEffect(() => {
    if (!focus || focused.current === focus.nonce) return;
    const target = flowNodes.find((n) => n.id === focus.id);
    if (!target) return;
    focused.current = focus.nonce;
    const w = target.measured?.width ?? 208;
    const h = target.measured?.height ?? 80;
    void flow.setCenter(target.position.x + w / 2, target.position.y + h / 2, { zoom: Math.max(flow.getZoom(), 0.9), duration: 400 });
  }, [focus, flow, flowNodes]);

  function arrange() {
    const placed = layoutTrees(
      flowNodes.map((n) => ({ id: n.id, parentId: n.data.node.parentId, width: n.measured?.width, height: n.measured?.height })),
      { x: Math.min(...flowNodes.map((n) => n.position.x)), y: Math.min(...flowNodes.map((n) => n.position.y)) },
    );
    for (const n of flowNodes) {
      const to = placed.get(n.id);
      if (to && (to.x !== n.position.x || to.y !== n.position.y)) actions.change(n.id, to);
    }
    // After the moved nodes have rendered.
    setTimeout(() => void flow.fitView({ padding: 0.2, duration: 400, maxZoom: 1.2 }), 50);
  }

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
      {/* Only on a canvas of 56rem or more (not beside the open panel at 1366 px), where it leaves the nodes room. */}
      <MiniMap
        pannable
        zoomable
        className="!hidden @4xl:!block"
        ariaLabel={t('map.canvas.minimap')}
        nodeColor={(n) => nodeColour((n.data as { node: MapNode }).node)}
      />
      <Panel position="top-right" className="flex gap-2">
        <Button size="sm" variant="secondary" onClick={arrange}>
          {t('map.actions.autoLayout')}
        </Button>
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
