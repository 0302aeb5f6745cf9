'use client';
// The map page's client side: the nodes, the canvas or tree view, search, the selected node's
// panel, and autosave of every edit (shown, retried, and never lost on a failed save).
import Link from 'next/link';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { requestJson } from '@/components/ui/request-json';
import { placeNewNode } from '@/lib/map/layout';
import { searchNodes, visibleNodes } from '@/lib/map/tree';
import type { MapNode, NodeKind, NodePatch } from '@/lib/map/types';
import { MapCanvas, type FocusRequest } from './map-canvas';
import { MapActionsContext, type MapActions } from './map-context';
import { NodePanel } from './node-panel';
import { SaveStatus } from './save-status';
import { TreeView } from './tree-view';
import { useAutosave } from './use-autosave';

type View = 'canvas' | 'tree';

function applyPatch(node: MapNode, patch: NodePatch): MapNode {
  const { archived, ...rest } = patch;
  const next = { ...node, ...rest };
  if (archived !== undefined) next.archivedAt = archived ? (node.archivedAt ?? new Date().toISOString()) : null;
  return next;
}

export function MapWorkspace({ initialNodes, initialSelected }: { initialNodes: MapNode[]; initialSelected: string | null }) {
  const { t } = useI18n();
  const [nodes, setNodes] = useState(initialNodes);
  const [selectedId, setSelectedId] = useState<string | null>(initialSelected);
  const [fresh, setFresh] = useState<string | null>(null);
  const [view, setView] = useState<View>('canvas');
  const [showArchived, setShowArchived] = useState(false);
  const [query, setQuery] = useState('');
  const [focus, setFocus] = useState<FocusRequest | null>(initialSelected ? { id: initialSelected, nonce: 0 } : null);
  const [createError, setCreateError] = useState<string | null>(null);

  // Phones get the list; the canvas is one tap away.
  useEffect(() => {
    if (window.matchMedia('(max-width: 767px)').matches) setView('tree');
  }, []);

  // The server's archive time replaces the provisional one; other fields keep what the user typed since.
  const onSaved = useCallback(
    (saved: MapNode) => setNodes((ns) => ns.map((n) => (n.id === saved.id ? { ...n, archivedAt: saved.archivedAt } : n))),
    [],
  );
  const saver = useAutosave(onSaved, t('map.save.offline'));
  const queue = saver.queue;

  const actions = useMemo<MapActions>(
    () => ({
      select(id) {
        setSelectedId(id);
        setFresh(null);
      },
      change(id, patch) {
        setNodes((ns) => ns.map((n) => (n.id === id ? applyPatch(n, patch) : n)));
        queue(id, patch);
      },
    }),
    [queue],
  );

  const shown = useMemo(() => visibleNodes(nodes, showArchived), [nodes, showArchived]);
  const hits = useMemo(() => searchNodes(shown, query), [shown, query]);
  const selected = nodes.find((n) => n.id === selectedId) ?? null;

  function focusNode(id: string) {
    setSelectedId(id);
    setFocus({ id, nonce: Date.now() });
  }

  async function addNode(kind: NodeKind, parentId: string | null) {
    setCreateError(null);
    const position = placeNewNode(nodes, parentId);
    try {
      const { node } = await requestJson<{ node: MapNode }>('/api/nodes', t('map.save.offline'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind, parentId, title: t(`map.kinds.add.${kind}`), ...position }),
      });
      setNodes((ns) => [...ns, node]);
      focusNode(node.id);
      setFresh(node.id);
    } catch (error) {
      setCreateError((error as Error).message);
    }
  }

  const viewButton = (v: View) => (
    <button
      type="button"
      aria-pressed={view === v}
      onClick={() => setView(v)}
      className={cn('rounded-md px-3 py-1.5 text-sm font-medium', view === v ? 'bg-surface text-fg shadow-sm' : 'text-muted hover:text-fg')}
    >
      {t(`map.views.${v}`)}
    </button>
  );

  return (
    <MapActionsContext.Provider value={actions}>
      <div className="space-y-4">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight">{t('map.title')}</h1>
            <p className="text-sm text-muted">{t('map.intro')}</p>
          </div>
          <SaveStatus status={saver.status} onRetry={() => void saver.retry()} />
        </div>

        <div className="flex flex-wrap items-center gap-2">
          <div role="group" aria-label={t('map.views.label')} className="inline-flex gap-1 rounded-lg bg-subtle p-1">
            {viewButton('canvas')}
            {viewButton('tree')}
          </div>
          <div className="relative min-w-48 flex-1 sm:max-w-xs">
            <label htmlFor="map-search" className="sr-only">
              {t('map.search.label')}
            </label>
            <input
              id="map-search"
              type="search"
              value={query}
              placeholder={t('map.search.placeholder')}
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && hits[0]) {
                  focusNode(hits[0].id);
                  setQuery('');
                }
                if (e.key === 'Escape') setQuery('');
              }}
              aria-controls={query.trim() ? 'map-search-results' : undefined}
              className="block h-9 w-full rounded-lg border border-border bg-surface px-3 text-sm focus:border-ring focus:outline-none focus:ring-2 focus:ring-ring/25"
            />
            {query.trim() ? (
              <ul
                id="map-search-results"
                aria-label={t('map.search.results')}
                className="absolute z-50 mt-1 w-full overflow-hidden rounded-lg border border-border bg-surface shadow-lg"
              >
                {hits.length ? (
                  hits.map((n) => (
                    <li key={n.id}>
                      <button
                        type="button"
                        onClick={() => {
                          focusNode(n.id);
                          setQuery('');
                        }}
                        className="flex w-full items-center gap-2 px-3 py-2 text-left text-sm hover:bg-subtle focus:bg-subtle focus:outline-none"
                      >
                        <span className="text-xs text-muted">{t(`map.kinds.${n.kind}`)}</span>
                        <span className="truncate">{n.title || t(`map.kinds.untitled.${n.kind}`)}</span>
                      </button>
                    </li>
                  ))
                ) : (
                  <li className="px-3 py-2 text-sm text-muted">{t('map.search.none')}</li>
                )}
              </ul>
            ) : null}
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={showArchived}
              onChange={(e) => setShowArchived(e.target.checked)}
              className="h-4 w-4 accent-[var(--accent)]"
            />
            {t('map.actions.showArchived')}
          </label>
          <div className="ml-auto flex flex-wrap gap-2">
            <Button size="sm" variant="ghost" asChild>
              <Link href="/import">{t('map.actions.importDocuments')}</Link>
            </Button>
            <Button size="sm" onClick={() => void addNode('client', null)}>
              + {t('map.kinds.add.client')}
            </Button>
            <Button size="sm" variant="secondary" onClick={() => void addNode('note', null)}>
              + {t('map.kinds.add.note')}
            </Button>
          </div>
        </div>
        {createError ? <Alert tone="error">{createError}</Alert> : null}

        <div className={cn('grid gap-4', selected && 'lg:grid-cols-[minmax(0,1fr)_26rem]')}>
          <section className="@container h-[calc(100dvh-16rem)] min-h-96 overflow-hidden rounded-2xl border border-border bg-surface">
            {shown.length === 0 ? (
              <div className="grid h-full place-items-center p-6 text-center">
                <div className="max-w-sm space-y-2">
                  <h2 className="text-lg font-semibold">{t('map.empty.title')}</h2>
                  <p className="text-sm text-muted">{t('map.empty.text')}</p>
                </div>
              </div>
            ) : view === 'canvas' ? (
              <MapCanvas nodes={shown} selectedId={selectedId} focus={focus} />
            ) : (
              <TreeView nodes={shown} selectedId={selectedId} focus={focus} />
            )}
          </section>
          {selected ? (
            <NodePanel
              key={selected.id}
              node={selected}
              fresh={fresh === selected.id}
              onAddChild={(kind, parent) => void addNode(kind, parent)}
            />
          ) : null}
        </div>
      </div>
    </MapActionsContext.Provider>
  );
}
