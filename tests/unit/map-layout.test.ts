// The map's layout (issue 17, item 5): trees left to right with dagre, no two nodes overlapping;
// what a dragged parent takes along; where a new node goes; imported slots become the same layout.
import { describe, expect, it } from 'vitest';
import { placeSlots } from '@/lib/import/layout';
import { descendantIds, LAYOUT_NODE_HEIGHT, LAYOUT_NODE_WIDTH, layoutTrees, placeNewNode } from '@/lib/map/layout';
import type { MapNode } from '@/lib/map/types';

const overlaps = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  Math.abs(a.x - b.x) < LAYOUT_NODE_WIDTH && Math.abs(a.y - b.y) < LAYOUT_NODE_HEIGHT;

const mapNode = (id: string, parentId: string | null, x = 0, y = 0): MapNode => ({
  id,
  parentId,
  kind: parentId ? 'project' : 'client',
  title: id,
  body: '',
  x,
  y,
  colour: null,
  archivedAt: null,
});

describe('laying out the map', () => {
  const items = [
    { id: 'client', parentId: null },
    { id: 'p1', parentId: 'client' },
    { id: 'p2', parentId: 'client' },
    { id: 't1', parentId: 'p1' },
    { id: 't2', parentId: 'p1' },
    { id: 'other', parentId: null },
    { id: 'orphan', parentId: 'not-in-the-layout' },
  ];

  it('puts children to the right of their parent, siblings in one column, nothing on top of anything', () => {
    const at = layoutTrees(items, { x: 1000, y: -50 });
    const p = (id: string) => at.get(id)!;
    expect(p('p1').x).toBeGreaterThan(p('client').x + LAYOUT_NODE_WIDTH);
    expect(p('t1').x).toBeGreaterThan(p('p1').x + LAYOUT_NODE_WIDTH);
    expect(p('p1').x).toBe(p('p2').x);
    expect(p('t1').x).toBe(p('t2').x);
    // Roots (a parent outside the layout counts as none) share the first column.
    expect(new Set([p('client').x, p('other').x, p('orphan').x])).toEqual(new Set([1000]));
    const all = [...at.values()];
    for (const a of all) expect(all.filter((b) => b !== a && overlaps(a, b))).toEqual([]);
    expect(Math.min(...all.map((q) => q.x))).toBe(1000);
    expect(Math.min(...all.map((q) => q.y))).toBe(-50);
  });

  it('uses the rendered sizes it is given', () => {
    const at = layoutTrees([
      { id: 'a', parentId: null, width: 500, height: 40 },
      { id: 'b', parentId: 'a', width: 100, height: 40 },
    ]);
    expect(at.get('b')!.x).toBeGreaterThanOrEqual(500);
  });

  it('lays out imported slots as the same trees (a slot’s parent is the nearest before it one column left)', () => {
    const points = placeSlots({ x: 0, y: 0 }, [
      { column: 0, firstChild: false },
      { column: 1, firstChild: true },
      { column: 2, firstChild: true },
      { column: 1, firstChild: false },
      { column: 0, firstChild: false },
    ]);
    expect(points[1].x).toBeGreaterThan(points[0].x);
    expect(points[2].x).toBeGreaterThan(points[1].x);
    expect(points[3].x).toBe(points[1].x);
    expect(points[4].x).toBe(points[0].x);
    for (const a of points) expect(points.filter((b) => b !== a && overlaps(a, b))).toEqual([]);
  });

  it('knows what a dragged node takes along: its subtree, at any depth, and nothing else', () => {
    expect(descendantIds(items, 'client').sort()).toEqual(['p1', 'p2', 't1', 't2']);
    expect(descendantIds(items, 'p2')).toEqual([]);
    // A cycle in bad data cannot make it loop for ever.
    expect(descendantIds([mapNode('a', 'b'), mapNode('b', 'a')], 'a').length).toBeLessThanOrEqual(2);
  });

  it('places a new child right of its parent below its siblings, and a new client below everything', () => {
    const nodes = [mapNode('c', null, 0, 0), mapNode('p', 'c', 320, 0), mapNode('q', 'c', 320, 112)];
    const child = placeNewNode(nodes, 'c');
    expect(child.x).toBe(320);
    expect(child.y).toBeGreaterThan(112);
    expect(placeNewNode(nodes, 'p')).toEqual({ x: 640, y: 0 });
    const root = placeNewNode(nodes, null);
    expect(root.x).toBe(0);
    expect(root.y).toBeGreaterThan(112);
    expect(placeNewNode([], null)).toEqual({ x: 0, y: 0 });
  });
});
