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

/** Black or white, whichever reads better on `hex` (#rrggbb): WCAG contrast of the badge's small text. */
export function textOn(hex: string): '#000000' | '#ffffff' {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  // Contrast with black (L + 0.05) / 0.05 against white 1.05 / (L + 0.05).
  return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? '#000000' : '#ffffff';
}

export function nodeColour(node: { kind: NodeKind; colour: string | null }): string {
  return node.colour ?? KIND_COLOURS[node.kind];
}
