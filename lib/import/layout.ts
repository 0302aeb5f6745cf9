// Where accepted nodes go on the canvas: a tree (client, then its projects one column right, then
// tasks) to the right of everything already on the map, so nothing new covers an existing node.
// Positions are the node's top-left corner, as the canvas stores them.

/** The size a node takes on the canvas, with room to spare for long titles. */
export const NODE_WIDTH = 240;
export const NODE_HEIGHT = 64;
const COLUMN = NODE_WIDTH + 80;
const ROW = NODE_HEIGHT + 32;
/** Space between the existing map and the imported tree. */
const MARGIN = 160;

export interface Point {
  x: number;
  y: number;
}

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** One node to place, in depth-first order: its column and whether it starts its parent's children. */
export interface Slot {
  column: number;
  firstChild: boolean;
}

/** The top-left corner of the new tree: right of the existing nodes' bounding box, top-aligned. */
export function originRightOf(existing: Bounds | null): Point {
  return existing ? { x: existing.maxX + NODE_WIDTH + MARGIN, y: existing.minY } : { x: 0, y: 0 };
}

/** A first child sits on its parent's row; every other node starts a new row below all before it. */
export function placeSlots(origin: Point, slots: Slot[]): Point[] {
  let row = -1;
  return slots.map((slot) => {
    if (!slot.firstChild || row < 0) row += 1;
    return { x: origin.x + slot.column * COLUMN, y: origin.y + row * ROW };
  });
}
