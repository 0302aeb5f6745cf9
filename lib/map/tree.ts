// Pure helpers over the node list: children by parent, what is visible, search, a node's ancestry.
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

/** The ids from the root down to the node (inclusive), to expand a tree path. */
export function ancestry(nodes: readonly MapNode[], id: string): string[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const path: string[] = [];
  for (let cur = byId.get(id); cur && path.length < 64; cur = cur.parentId ? byId.get(cur.parentId) : undefined) path.unshift(cur.id);
  return path;
}
