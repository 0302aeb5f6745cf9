'use client';
// What the canvas nodes and tree rows can do, without threading callbacks through React Flow data.
import { createContext, useContext } from 'react';
import type { NodePatch } from '@/lib/map/types';

export interface MapActions {
  select(id: string | null): void;
  change(id: string, patch: NodePatch): void;
}

export const MapActionsContext = createContext<MapActions | null>(null);

export function useMapActions(): MapActions {
  const value = useContext(MapActionsContext);
  if (!value) throw new Error('useMapActions outside MapActionsContext');
  return value;
}
