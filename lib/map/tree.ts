// Pure helpers over the node list: children by parent, what is visible, search, where a new node goes.
import type { MapNode } from './types';

export function childrenByParent(nodes: readonly MapNode[]): Map<string | null, MapNode[]> {
  const map = new Map<string | null, MapNode[]>();
  for (const n of nodes) {
    const list = map.get(n.parentId) ?? [];
    list.push(n);
    map.set(n.parentId, list);
  }
  return map;
}

/** Nodes shown: all, or those neither archived nor under an archived node. */
export function visibleNodes(nodes: readonly MapNode[], showArchived: boolean): MapNode[] {
  if (showArchived) return [...nodes];
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const hidden = (n: MapNode): boolean => {
    for (let cur: MapNode | undefined = n, depth = 0; cur && depth < 64; cur = cur.parentId ? byId.get(cur.parentId) : undefined, depth++) {
      if (cur.archivedAt) return true;
    }
    return false;
  };
  return nodes.filter((n) => !hidden(n));
}

/** Case- and accent-insensitive title match: "mote" finds "Möte". */
export function searchNodes(nodes: readonly MapNode[], query: string, limit = 8): MapNode[] {
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();
  const q = fold(query.trim());
  if (!q) return [];
  return nodes.filter((n) => fold(n.title).includes(q)).slice(0, limit);
}

const CHILD_DX = 240;
const CHILD_DY = 170;

/** A free spot for a new node: under its parent, right of its siblings; roots to the right of the rest. */
export function placeNewNode(nodes: readonly MapNode[], parentId: string | null): { x: number; y: number } {
  const siblings = nodes.filter((n) => n.parentId === parentId);
  if (parentId === null) {
    const right = nodes.length ? Math.max(...nodes.map((n) => n.x)) : -CHILD_DX;
    return { x: right + CHILD_DX, y: 0 };
  }
  const parent = nodes.find((n) => n.id === parentId);
  const base = parent ?? { x: 0, y: 0 };
  if (!siblings.length) return { x: base.x, y: base.y + CHILD_DY };
  return { x: Math.max(...siblings.map((s) => s.x)) + CHILD_DX, y: base.y + CHILD_DY };
}

/** The ids from the root down to the node (inclusive), to expand a tree path. */
export function ancestry(nodes: readonly MapNode[], id: string): string[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const path: string[] = [];
  for (let cur = byId.get(id); cur && path.length < 64; cur = cur.parentId ? byId.get(cur.parentId) : undefined) path.unshift(cur.id);
  return path;
}
