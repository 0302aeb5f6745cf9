// Where accepted nodes go on the canvas: a tree (client, then its projects one column right, then
// tasks), laid out left to right by the map's layout (lib/map/layout.ts), to the right of everything
// already on the map, so nothing new covers an existing node. Positions are top-left corners.
import { LAYOUT_NODE_HEIGHT, LAYOUT_NODE_WIDTH, layoutTrees, type Point } from '@/lib/map/layout';

/** The size a node takes on the canvas, with room to spare for long titles. */
export const NODE_WIDTH = LAYOUT_NODE_WIDTH;
export const NODE_HEIGHT = LAYOUT_NODE_HEIGHT;
/** Space between the existing map and the imported tree. */
const MARGIN = 160;

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/**
 * One node to place, in depth-first order: its column (its parent is the nearest node before it one
 * column to the left). `firstChild` is no longer needed by the layout.
 */
export interface Slot {
  column: number;
  firstChild: boolean;
}

/** The top-left corner of the new tree: right of the existing nodes' bounding box, top-aligned. */
export function originRightOf(existing: Bounds | null): Point {
  return existing ? { x: existing.maxX + NODE_WIDTH + MARGIN, y: existing.minY } : { x: 0, y: 0 };
}

/** The slots' positions: their trees laid out left to right, the layout's top-left corner at `origin`. */
export function placeSlots(origin: Point, slots: Slot[]): Point[] {
  const lastInColumn: string[] = [];
  const items = slots.map((slot, i) => {
    lastInColumn[slot.column] = String(i);
    lastInColumn.length = slot.column + 1;
    return { id: String(i), parentId: slot.column > 0 ? (lastInColumn[slot.column - 1] ?? null) : null };
  });
  const placed = layoutTrees(items, origin);
  return items.map((item) => placed.get(item.id)!);
}
