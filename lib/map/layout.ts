// Where nodes go on the map: trees laid out left to right (a client, its projects one column to the
// right, their tasks further right; siblings stacked), by dagre rather than hand-written placement.
// Edges leave a node on its right and enter on its left (components/map/mind-node.tsx), which fits.
// Positions are top-left corners, as the canvas stores them.
import dagre from '@dagrejs/dagre';
import type { MapNode } from './types';

/** The room a node takes in a layout when its rendered size is not known (titles wrap up to 3 lines). */
export const LAYOUT_NODE_WIDTH = 240;
export const LAYOUT_NODE_HEIGHT = 64;
/** Between a parent's column and its children's. */
const RANK_GAP = 80;
/** Between siblings (and between trees) in a column. */
const SIBLING_GAP = 32;

export interface Point {
  x: number;
  y: number;
}

export interface LayoutItem {
  id: string;
  /** Its parent among the items; any other parent (or none) makes it a root of the layout. */
  parentId: string | null;
  width?: number;
  height?: number;
}

/** Positions for every item, the layout's top-left corner at `origin`. */
export function layoutTrees(items: readonly LayoutItem[], origin: Point = { x: 0, y: 0 }): Map<string, Point> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', ranksep: RANK_GAP, nodesep: SIBLING_GAP, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(items.map((i) => i.id));
  for (const item of items) {
    graph.setNode(item.id, { width: item.width ?? LAYOUT_NODE_WIDTH, height: item.height ?? LAYOUT_NODE_HEIGHT });
  }
  for (const item of items) if (item.parentId && ids.has(item.parentId)) graph.setEdge(item.parentId, item.id);
  dagre.layout(graph);
  const corners = items.map((item) => {
    const n = graph.node(item.id);
    return { id: item.id, x: n.x - n.width / 2, y: n.y - n.height / 2 };
  });
  const minX = Math.min(...corners.map((c) => c.x));
  const minY = Math.min(...corners.map((c) => c.y));
  return new Map(corners.map((c) => [c.id, { x: Math.round(origin.x + c.x - minX), y: Math.round(origin.y + c.y - minY) }]));
}

/** Every node under `id` (not `id` itself), at any depth. */
export function descendantIds(nodes: readonly Pick<MapNode, 'id' | 'parentId'>[], id: string): string[] {
  const children = new Map<string, string[]>();
  for (const n of nodes) if (n.parentId) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n.id]);
  const out: string[] = [];
  const stack = [...(children.get(id) ?? [])];
  while (stack.length && out.length < nodes.length) {
    const next = stack.pop()!;
    out.push(next);
    stack.push(...(children.get(next) ?? []));
  }
  return out;
}

const COLUMN = LAYOUT_NODE_WIDTH + RANK_GAP;
const ROW = LAYOUT_NODE_HEIGHT + SIBLING_GAP + 16;

/**
 * A free spot for a new node, as the layout would put it: right of its parent, below its last
 * sibling (or on the parent's row); a new root below everything, in the roots' column.
 */
export function placeNewNode(nodes: readonly MapNode[], parentId: string | null): Point {
  if (parentId === null) {
    const roots = nodes.filter((n) => n.parentId === null);
    if (!nodes.length) return { x: 0, y: 0 };
    return { x: roots.length ? Math.min(...roots.map((n) => n.x)) : 0, y: Math.max(...nodes.map((n) => n.y)) + ROW };
  }
  const parent = nodes.find((n) => n.id === parentId) ?? { x: 0, y: 0 };
  const siblings = nodes.filter((n) => n.parentId === parentId);
  return { x: parent.x + COLUMN, y: siblings.length ? Math.max(...siblings.map((s) => s.y)) + ROW : parent.y };
}
