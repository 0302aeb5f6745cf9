// A mind-map node as the browser sees it (camelCase of the nodes table).
export const NODE_KINDS = ['client', 'project', 'task', 'note'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export interface MapNode {
  id: string;
  parentId: string | null;
  kind: NodeKind;
  title: string;
  body: string;
  x: number;
  y: number;
  colour: string | null;
  archivedAt: string | null;
}

/** What a node may have as children (the database's nodes_parent_kind_valid, mirrored for the UI). */
export const CHILD_KINDS: Record<NodeKind | 'root', readonly NodeKind[]> = {
  root: ['client', 'note'],
  client: ['project', 'note'],
  project: ['task', 'note'],
  task: ['note'],
  note: [],
};

/** The editable fields of a node; autosave sends any subset. */
export interface NodePatch {
  title?: string;
  body?: string;
  x?: number;
  y?: number;
  colour?: string | null;
  archived?: boolean;
}
