'use client';
// The same map as a nested list, for the keyboard and small screens. Arrow keys move between rows
// (right/left open and close a branch), Enter opens the node's panel, F2 renames in place.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { cn } from '@/components/ui/cn';
import { ancestry, childrenByParent } from '@/lib/map/tree';
import type { MapNode } from '@/lib/map/types';
import { InlineTitle } from './inline-title';
import { KindBadge } from './kind-badge';
import { nodeColour } from './kind-style';
import { useMapActions } from './map-context';
import type { FocusRequest } from './map-canvas';

interface Props {
  nodes: MapNode[];
  selectedId: string | null;
  focus: FocusRequest | null;
}

export function TreeView({ nodes, selectedId, focus }: Props) {
  const { t } = useI18n();
  const actions = useMapActions();
  const children = useMemo(() => childrenByParent(nodes), [nodes]);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [editing, setEditing] = useState<string | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const root = useRef<HTMLUListElement>(null);
  const ids = new Set(nodes.map((n) => n.id));
  // Orphans (parent hidden because archived) are shown at the top level when archived ones are shown.
  const tops = nodes.filter((n) => n.parentId === null || !ids.has(n.parentId));

  // A search hit or a new node: open its branch and put the keyboard on it.
  useEffect(() => {
    if (!focus) return;
    const path = ancestry(nodes, focus.id).slice(0, -1);
    setCollapsed((c) => new Set([...c].filter((id) => !path.includes(id))));
    setActive(focus.id);
    requestAnimationFrame(() => {
      const row = root.current?.querySelector<HTMLElement>(`[data-row="${focus.id}"]`);
      row?.focus();
      row?.scrollIntoView({ block: 'nearest' });
    });
    // Only a new focus request moves the keyboard, not every change of the nodes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focus]);

  const tabStop = active && ids.has(active) ? active : (selectedId ?? tops[0]?.id ?? null);

  function move(from: HTMLElement, delta: number) {
    const rows = [...(root.current?.querySelectorAll<HTMLElement>('[data-row]') ?? [])];
    const next = rows[rows.indexOf(from) + delta];
    if (next) {
      setActive(next.dataset.row ?? null);
      next.focus();
    }
  }

  function onKey(e: KeyboardEvent<HTMLElement>, node: MapNode, hasChildren: boolean) {
    if (editing) return;
    const open = hasChildren && !collapsed.has(node.id);
    switch (e.key) {
      case 'ArrowDown':
        move(e.currentTarget, 1);
        break;
      case 'ArrowUp':
        move(e.currentTarget, -1);
        break;
      case 'ArrowRight':
        if (hasChildren && !open) setCollapsed((c) => new Set([...c].filter((id) => id !== node.id)));
        else move(e.currentTarget, 1);
        break;
      case 'ArrowLeft':
        if (open) setCollapsed((c) => new Set(c).add(node.id));
        else if (node.parentId) root.current?.querySelector<HTMLElement>(`[data-row="${node.parentId}"]`)?.focus();
        break;
      case 'Enter':
      case ' ':
        actions.select(node.id);
        break;
      case 'F2':
        setEditing(node.id);
        break;
      default:
        return;
    }
    e.preventDefault();
  }

  function renderNode(node: MapNode, level: number) {
    const kids = children.get(node.id)?.filter((k) => ids.has(k.id)) ?? [];
    const open = kids.length > 0 && !collapsed.has(node.id);
    const colour = nodeColour(node);
    const title = node.title || t(`map.kinds.untitled.${node.kind}`);
    return (
      <li key={node.id} role="none">
        <div
          role="treeitem"
          data-row={node.id}
          tabIndex={node.id === tabStop ? 0 : -1}
          aria-level={level}
          aria-selected={node.id === selectedId}
          aria-expanded={kids.length ? open : undefined}
          onKeyDown={(e) => onKey(e, node, kids.length > 0)}
          onFocus={() => setActive(node.id)}
          onClick={() => actions.select(node.id)}
          className={cn(
            'flex min-h-11 cursor-pointer items-center gap-2 rounded-lg py-1.5 pr-2 text-sm hover:bg-subtle focus-visible:bg-subtle',
            node.id === selectedId && 'bg-accent-soft hover:bg-accent-soft',
            node.archivedAt && 'opacity-60',
          )}
          style={{ paddingLeft: `${(level - 1) * 1.25 + 0.25}rem` }}
        >
          <span
            aria-hidden
            onClick={(e) => {
              e.stopPropagation();
              if (kids.length)
                setCollapsed((c) => (c.has(node.id) ? new Set([...c].filter((id) => id !== node.id)) : new Set(c).add(node.id)));
            }}
            className={cn('grid h-6 w-6 shrink-0 place-items-center rounded text-muted', kids.length ? 'hover:bg-border' : 'invisible')}
          >
            {open ? '▾' : '▸'}
          </span>
          <KindBadge kind={node.kind} colour={colour} />
          {editing === node.id ? (
            <InlineTitle
              value={node.title}
              onCommit={(value) => actions.change(node.id, { title: value })}
              onDone={() => setEditing(null)}
            />
          ) : (
            <span className={cn('min-w-0 flex-1 truncate', !node.title && 'italic text-muted')} onDoubleClick={() => setEditing(node.id)}>
              {title}
            </span>
          )}
        </div>
        {open ? <ul role="group">{kids.map((k) => renderNode(k, level + 1))}</ul> : null}
      </li>
    );
  }

  return (
    <div className="h-full overflow-auto p-2">
      <p className="px-2 pb-2 text-xs text-muted">{t('map.tree.hint')}</p>
      <ul ref={root} role="tree" aria-label={t('map.tree.label')}>
        {tops.map((n) => renderNode(n, 1))}
      </ul>
    </div>
  );
}
