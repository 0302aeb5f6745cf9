// Audit log rows of a node in plain words: "Du döpte om projektet från ”A” till ”B”."
// Pure: the route reads the rows, this turns each into sentences in the user's language.
import type { Locale, MessageKey, Translate } from '@/lib/i18n/catalogue';
import { formatDate, formatMinutes, formatMoney } from '@/lib/i18n/format';
import type { NodeKind } from '@/lib/map/types';

export interface AuditRow {
  id: string;
  tableName: string;
  action: 'insert' | 'update' | 'delete';
  actorId: string | null;
  occurredAt: string;
  oldValues: Record<string, unknown> | null;
  newValues: Record<string, unknown> | null;
}

export interface ActivityItem {
  id: string;
  occurredAt: string;
  sentences: string[];
}

/** Client details columns and the labels the form uses. */
const DETAIL_FIELDS: Record<string, MessageKey> = {
  name: 'map.details.fields.name',
  org_number: 'map.details.fields.orgNumber',
  vat_number: 'map.details.fields.vatNumber',
  address_line1: 'map.details.fields.addressLine1',
  address_line2: 'map.details.fields.addressLine2',
  postal_code: 'map.details.fields.postalCode',
  city: 'map.details.fields.city',
  country: 'map.details.fields.country',
  email: 'map.details.fields.email',
  reverse_charge: 'map.details.fields.reverseCharge',
  payment_terms_days: 'map.details.fields.paymentTerms',
  default_hourly_rate_ore: 'map.details.fields.hourlyRate',
  reminder_fee_ore: 'map.details.fields.reminderFee',
  late_interest_bp: 'map.details.fields.lateInterest',
  consumer: 'map.details.fields.consumer',
};

const text = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

export function describeActivity(row: AuditRow, kind: NodeKind, me: string, t: Translate, locale: Locale): string[] {
  const who = row.actorId === me ? t('map.activity.you') : row.actorId === null ? t('map.activity.system') : t('map.activity.someone');
  const what = t(`map.kinds.definite.${kind}`);
  const say = (key: MessageKey, params: Record<string, string> = {}) => {
    const sentence = t(key, { who, what, ...params });
    return sentence.charAt(0).toUpperCase() + sentence.slice(1);
  };
  const oldV = row.oldValues ?? {};
  const newV = row.newValues ?? {};

  if (row.tableName === 'client_details') {
    if (row.action === 'insert') return [say('map.activity.detailsAdded')];
    if (row.action === 'delete') return [say('map.activity.detailsRemoved')];
    const fields = Object.keys(newV)
      .filter((c) => c in DETAIL_FIELDS)
      .map((c) => {
        const label = t(DETAIL_FIELDS[c]).toLowerCase();
        if (c === 'default_hourly_rate_ore' && newV[c] !== null) return `${label} (${formatMoney(Number(newV[c]), locale)})`;
        return label;
      });
    return fields.length ? [say('map.activity.detailsChanged', { fields: fields.join(', ') })] : [];
  }

  if (row.tableName === 'time_entries') {
    if (row.action === 'insert') {
      return [
        say('map.activity.timeLogged', {
          duration: formatMinutes(Number(newV.minutes), locale),
          date: formatDate(text(newV.entry_date), locale),
        }),
      ];
    }
    if (row.action === 'delete') return [say('map.activity.timeDeleted', { duration: formatMinutes(Number(oldV.minutes), locale) })];
    const sentences: string[] = [];
    if ('minutes' in newV) {
      sentences.push(
        say('map.activity.timeChanged', {
          from: formatMinutes(Number(oldV.minutes), locale),
          to: formatMinutes(Number(newV.minutes), locale),
        }),
      );
    }
    if ('invoice_line_id' in newV) sentences.push(say(newV.invoice_line_id ? 'map.activity.timeBilled' : 'map.activity.timeUnbilled'));
    if (!sentences.length) sentences.push(say('map.activity.timeEdited'));
    return sentences;
  }

  if (row.action === 'insert') return [say('map.activity.created', { title: text(newV.title) })];
  if (row.action === 'delete') return [say('map.activity.deleted', { title: text(oldV.title) })];
  const sentences: string[] = [];
  if ('title' in newV) sentences.push(say('map.activity.renamed', { from: text(oldV.title), to: text(newV.title) }));
  if ('archived_at' in newV) sentences.push(say(newV.archived_at ? 'map.activity.archived' : 'map.activity.restored'));
  if ('body' in newV) sentences.push(say('map.activity.bodyChanged'));
  if ('colour' in newV) sentences.push(say(newV.colour ? 'map.activity.colourChanged' : 'map.activity.colourReset'));
  if ('parent_id' in newV) sentences.push(say('map.activity.reparented'));
  if ('position_x' in newV || 'position_y' in newV) sentences.push(say('map.activity.moved'));
  return sentences;
}

/** Rows newest first, described; consecutive identical moves collapse into the newest one. */
export function describeAll(rows: AuditRow[], kind: NodeKind, me: string, t: Translate, locale: Locale): ActivityItem[] {
  const items: ActivityItem[] = [];
  for (const row of rows) {
    const sentences = describeActivity(row, kind, me, t, locale);
    if (!sentences.length) continue;
    const previous = items[items.length - 1];
    if (previous && previous.sentences.join(' ') === sentences.join(' ') && row.action === 'update' && !('title' in (row.newValues ?? {})))
      continue;
    items.push({ id: row.id, occurredAt: row.occurredAt, sentences });
  }
  return items;
}
