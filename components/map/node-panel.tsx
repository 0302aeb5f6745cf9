'use client';
// The side panel of the selected node: name, colour, archive, children to add; the client's
// invoicing details; the markdown text; files; activity. Edits save through the map's autosave.
import { useEffect, useId, useState } from 'react';
import { FilePanel } from '@/components/files/file-panel';
import { InvoiceClientButton } from '@/components/invoices/invoice-client-button';
import { useI18n } from '@/components/i18n/provider';
import { NoteEditor } from '@/components/notes/note-editor';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { Input } from '@/components/ui/input';
import { formatDate } from '@/lib/i18n/format';
import { CHILD_KINDS, type MapNode, type NodeKind } from '@/lib/map/types';
import { ActivityList } from './activity-list';
import { ClientDetailsForm } from './client-details-form';
import { KindBadge } from './kind-badge';
import { KIND_COLOURS, nodeColour, PALETTE } from './kind-style';
import { useMapActions } from './map-context';

type Tab = 'overview' | 'details' | 'notes' | 'files' | 'activity';

interface Props {
  node: MapNode;
  /** Focus and select the name field (a node just created). */
  fresh: boolean;
  onAddChild: (kind: NodeKind, parentId: string) => void;
}

export function NodePanel({ node, fresh, onAddChild }: Props) {
  const { t, locale } = useI18n();
  const actions = useMapActions();
  const id = useId();
  const [tab, setTab] = useState<Tab>('overview');
  const tabs: Tab[] =
    node.kind === 'client' ? ['overview', 'details', 'notes', 'files', 'activity'] : ['overview', 'notes', 'files', 'activity'];
  const current = tabs.includes(tab) ? tab : 'overview';
  const colour = nodeColour(node);

  useEffect(() => {
    if (fresh) {
      setTab('overview');
      requestAnimationFrame(() => (document.getElementById(`${id}-name`) as HTMLInputElement | null)?.select());
    }
  }, [fresh, node.id, id]);

  return (
    <aside
      aria-label={t('map.panel.label')}
      className="@container fixed inset-x-0 bottom-0 z-40 flex max-h-[85dvh] flex-col rounded-t-2xl border border-border bg-surface shadow-2xl lg:static lg:z-auto lg:h-[calc(100dvh-16rem)] lg:max-h-none lg:min-h-96 lg:rounded-2xl lg:shadow-sm"
    >
      <div className="flex items-center gap-2 border-b border-border px-4 py-3">
        <KindBadge kind={node.kind} colour={colour} />
        <h2 className="min-w-0 flex-1 truncate font-semibold">{node.title || t(`map.kinds.untitled.${node.kind}`)}</h2>
        <Button size="icon" variant="ghost" onClick={() => actions.select(null)} aria-label={t('map.actions.close')}>
          ✕
        </Button>
      </div>
      <div role="tablist" aria-label={t('map.panel.label')} className="flex flex-wrap gap-0.5 border-b border-border px-2 py-1.5">
        {tabs.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`${id}-tab-${name}`}
            aria-selected={current === name}
            aria-controls={`${id}-panel`}
            onClick={() => setTab(name)}
            className={cn(
              'shrink-0 rounded-md px-2 py-1.5 text-sm font-medium',
              current === name ? 'bg-accent-soft text-fg' : 'text-muted hover:bg-subtle hover:text-fg',
            )}
          >
            {t(`map.panel.tabs.${name}`)}
          </button>
        ))}
      </div>
      <div id={`${id}-panel`} role="tabpanel" aria-labelledby={`${id}-tab-${current}`} className="flex-1 space-y-5 overflow-y-auto p-4">
        {current === 'overview' ? (
          <>
            <div className="space-y-1.5">
              <label htmlFor={`${id}-name`} className="text-sm font-medium">
                {t('map.panel.name')}
              </label>
              <Input
                id={`${id}-name`}
                value={node.title}
                maxLength={300}
                placeholder={t(`map.kinds.untitled.${node.kind}`)}
                onChange={(e) => actions.change(node.id, { title: e.target.value })}
              />
            </div>
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium">{t('map.panel.colour')}</legend>
              <div className="flex flex-wrap gap-1.5">
                {[null, ...PALETTE].map((c) => (
                  <button
                    key={c ?? 'default'}
                    type="button"
                    aria-pressed={node.colour === c}
                    aria-label={c ? t('map.panel.colourName', { colour: c }) : t('map.panel.colourDefault')}
                    title={c ?? t('map.panel.colourDefault')}
                    onClick={() => actions.change(node.id, { colour: c })}
                    className={cn('h-7 w-7 rounded-full border-2', node.colour === c ? 'border-fg ring-2 ring-ring/40' : 'border-surface')}
                    style={{ background: c ?? `repeating-linear-gradient(45deg, ${KIND_COLOURS[node.kind]} 0 4px, transparent 4px 8px)` }}
                  />
                ))}
              </div>
            </fieldset>
            {CHILD_KINDS[node.kind].length && !node.archivedAt ? (
              <div className="space-y-2">
                <p className="text-sm font-medium">{t('map.panel.addChildren')}</p>
                <div className="flex flex-wrap gap-2">
                  {CHILD_KINDS[node.kind].map((kind) => (
                    <Button key={kind} size="sm" variant="secondary" onClick={() => onAddChild(kind, node.id)}>
                      + {t(`map.kinds.add.${kind}`)}
                    </Button>
                  ))}
                </div>
              </div>
            ) : null}
            {node.kind === 'client' && !node.archivedAt ? (
              <div className="border-t border-border pt-4">
                <InvoiceClientButton clientId={node.id} clientName={node.title} size="sm" variant="secondary" />
              </div>
            ) : null}
            <div className="space-y-2 border-t border-border pt-4">
              {node.archivedAt ? (
                <p className="text-sm text-muted">{t('map.panel.archivedSince', { date: formatDate(node.archivedAt, locale) })}</p>
              ) : null}
              <Button size="sm" variant="secondary" onClick={() => actions.change(node.id, { archived: !node.archivedAt })}>
                {node.archivedAt ? t('map.actions.restore') : t('map.actions.archive')}
              </Button>
            </div>
          </>
        ) : current === 'details' ? (
          <ClientDetailsForm key={node.id} nodeId={node.id} />
        ) : current === 'notes' ? (
          <NoteEditor key={node.id} value={node.body} onChange={(body) => actions.change(node.id, { body })} />
        ) : current === 'files' ? (
          <FilePanel key={node.id} nodeId={node.id} />
        ) : (
          <ActivityList nodeId={node.id} version={`${node.title}|${node.archivedAt}|${node.colour}|${node.x},${node.y}`} />
        )}
      </div>
    </aside>
  );
}
