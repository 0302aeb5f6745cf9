'use client';
// The proposal as a tree: a checkbox and an editable name per item, client details shown, and a
// merge choice where a client of the same name already exists.
import type { ReactNode } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { cn } from '@/components/ui/cn';
import type { MessageKey } from '@/lib/i18n/catalogue';
import { existingMatch, type ItemPath, type ReviewClient } from './review-state';

type Kind = 'client' | 'project' | 'task' | 'note';

const KIND_STYLE: Record<Kind, string> = {
  client: 'bg-accent text-accent-fg',
  project: 'bg-accent-soft text-accent',
  task: 'bg-subtle text-fg',
  note: 'bg-subtle text-muted',
};

interface RowProps {
  kind: Kind;
  name: string;
  checked: boolean;
  path: ItemPath;
  onCheck: (path: ItemPath, checked: boolean) => void;
  onRename: (path: ItemPath, name: string) => void;
  children?: ReactNode;
}

function Row({ kind, name, checked, path, onCheck, onRename, children }: RowProps) {
  const { t } = useI18n();
  const kindLabel = t(`import.review.kinds.${kind}` as MessageKey);
  return (
    <div className={cn('space-y-2 py-1.5', !checked && 'opacity-60')}>
      <div className="flex items-center gap-2">
        <input
          type="checkbox"
          checked={checked}
          onChange={(e) => onCheck(path, e.target.checked)}
          aria-label={t('import.review.include', { name: name || kindLabel })}
          className="h-4 w-4 shrink-0 accent-[var(--accent)]"
        />
        <span
          className={cn(
            'hidden shrink-0 rounded-md px-1.5 py-0.5 text-[11px] font-medium uppercase tracking-wide sm:inline',
            KIND_STYLE[kind],
          )}
        >
          {kindLabel}
        </span>
        <input
          value={name}
          onChange={(e) => onRename(path, e.target.value)}
          aria-label={`${kindLabel}: ${t('import.review.rename')}`}
          aria-invalid={checked && !name.trim() ? true : undefined}
          maxLength={kind === 'client' ? 200 : 300}
          className={cn(
            'h-8 min-w-0 flex-1 rounded-md border border-transparent bg-transparent px-2 text-sm hover:border-border focus:border-ring focus:bg-surface focus:outline-none focus:ring-2 focus:ring-ring/25',
            kind === 'client' && 'font-semibold',
            'aria-invalid:border-danger',
          )}
        />
      </div>
      {children}
    </div>
  );
}

export function ReviewTree({
  review,
  existing,
  onCheck,
  onRename,
  onMerge,
}: {
  review: ReviewClient[];
  existing: string[];
  onCheck: (path: ItemPath, checked: boolean) => void;
  onRename: (path: ItemPath, name: string) => void;
  onMerge: (index: number, merge: boolean) => void;
}) {
  const { t } = useI18n();
  const rowProps = { onCheck, onRename };
  return (
    <ul className="space-y-3" data-testid="review-tree">
      {review.map((client, ci) => {
        const match = existingMatch(client.name, existing);
        const d = client.details;
        const facts = d
          ? [
              d.orgNumber && `${t('import.review.details.orgNumber')} ${d.orgNumber}`,
              d.vatNumber && `${t('import.review.details.vatNumber')} ${d.vatNumber}`,
              d.email && `${t('import.review.details.email')} ${d.email}`,
              (d.addressLine1 || d.city) &&
                `${t('import.review.details.address')} ${[d.addressLine1, [d.postalCode, d.city].filter(Boolean).join(' ')].filter(Boolean).join(', ')}`,
              d.hourlyRate && t('import.review.details.hourlyRate', { rate: d.hourlyRate }),
            ].filter(Boolean)
          : [];
        return (
          <li key={ci} className="rounded-xl border border-border bg-surface px-3 py-2 sm:px-4">
            <Row kind="client" name={client.name} checked={client.checked} path={[ci]} {...rowProps}>
              {(facts.length > 0 || match) && (
                <div className="space-y-1.5 pl-6">
                  {facts.length > 0 && <p className="text-xs text-muted">{facts.join(' · ')}</p>}
                  {match && client.checked && (
                    <label className="flex items-center gap-2 text-sm">
                      <input
                        type="checkbox"
                        checked={client.merge}
                        onChange={(e) => onMerge(ci, e.target.checked)}
                        className="h-4 w-4 accent-[var(--accent)]"
                      />
                      <span>
                        {t('import.review.merge')} <span className="font-medium">({match})</span>
                      </span>
                    </label>
                  )}
                </div>
              )}
            </Row>
            <ul className="ml-3 border-l border-border pl-3 sm:ml-5 sm:pl-4">
              {client.notes.map((note, ni) => (
                <li key={`n${ni}`}>
                  <Row kind="note" name={note.title} checked={note.checked} path={[ci, 'notes', ni]} {...rowProps}>
                    <p className="line-clamp-2 pl-6 text-xs text-muted">{note.body}</p>
                  </Row>
                </li>
              ))}
              {client.projects.map((project, pi) => (
                <li key={`p${pi}`}>
                  <Row kind="project" name={project.name} checked={project.checked} path={[ci, 'projects', pi]} {...rowProps} />
                  {project.tasks.length > 0 && (
                    <ul className="ml-3 border-l border-border pl-3 sm:ml-5 sm:pl-4">
                      {project.tasks.map((task, ti) => (
                        <li key={ti}>
                          <Row kind="task" name={task.name} checked={task.checked} path={[ci, 'projects', pi, ti]} {...rowProps} />
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          </li>
        );
      })}
    </ul>
  );
}
