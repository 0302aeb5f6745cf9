// How each kind of node looks, and the colours a node can be given.
import type { NodeKind } from '@/lib/map/types';

/** Default accent per kind when the node has no colour of its own. */
export const KIND_COLOURS: Record<NodeKind, string> = {
  client: '#1f5c4d',
  project: '#4d7ea8',
  task: '#b7791f',
  note: '#8a6fb0',
};

export const PALETTE = ['#f2c14e', '#e07a5f', '#a44a3f', '#5b8e7d', '#1f5c4d', '#4d7ea8', '#3d405b', '#8a6fb0'] as const;

export const KIND_ICONS: Record<NodeKind, string> = { client: '◆', project: '▣', task: '✓', note: '✎' };

export function nodeColour(node: { kind: NodeKind; colour: string | null }): string {
  return node.colour ?? KIND_COLOURS[node.kind];
}
