'use client';
// A node's history in plain words, newest first, with sv-SE dates and times.
import { useEffect, useState } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { Alert } from '@/components/ui/alert';
import { requestJson } from '@/components/ui/request-json';
import type { ActivityItem } from '@/lib/activity/describe';

export function ActivityList({ nodeId, version }: { nodeId: string; version: string }) {
  const { t, locale } = useI18n();
  const [items, setItems] = useState<ActivityItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    requestJson<{ items: ActivityItem[] }>(`/api/nodes/${nodeId}/activity`, t('map.save.offline'))
      .then((body) => live && (setItems(body.items), setError(null)))
      .catch((e: Error) => live && setError(t('map.errors.loadFailed', { error: e.message })));
    return () => {
      live = false;
    };
    // `version` changes when the node was saved, so the history follows.
  }, [nodeId, version, t]);

  if (error) return <Alert tone="error">{error}</Alert>;
  if (!items) return <p className="text-sm text-muted">…</p>;
  if (!items.length) return <p className="text-sm text-muted">{t('map.activity.none')}</p>;
  const when = new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-SE', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  });
  return (
    <ol className="space-y-3">
      {items.map((item) => (
        <li key={item.id} className="border-l-2 border-border pl-3">
          <time dateTime={item.occurredAt} className="block text-xs text-muted">
            {when.format(new Date(item.occurredAt))}
          </time>
          {item.sentences.map((s) => (
            <p key={s} className="text-sm">
              {s}
            </p>
          ))}
        </li>
      ))}
    </ol>
  );
}
