// A node's audit rows told as sentences in both languages.
import { describe, expect, it } from 'vitest';
import { describeActivity, describeAll, type AuditRow } from '@/lib/activity/describe';
import { translator } from '@/lib/i18n/catalogue';

const ME = '11111111-1111-4111-8111-111111111111';
const sv = translator('sv');
const en = translator('en');
const row = (over: Partial<AuditRow>): AuditRow => ({
  id: '1',
  tableName: 'nodes',
  action: 'update',
  actorId: ME,
  occurredAt: '2026-11-23T09:00:00.000Z',
  oldValues: null,
  newValues: null,
  ...over,
});

describe('activity sentences', () => {
  it('tells a rename with both names, in Swedish and English', () => {
    const r = row({ oldValues: { title: 'Portal' }, newValues: { title: 'Kundportal' } });
    expect(describeActivity(r, 'project', ME, sv, 'sv')).toEqual(['Du döpte om projektet från ”Portal” till ”Kundportal”.']);
    expect(describeActivity(r, 'project', ME, en, 'en')).toEqual(['You renamed the project from “Portal” to “Kundportal”.']);
  });

  it('tells creation, archiving, restoring and moving; others are not "you"', () => {
    expect(describeActivity(row({ action: 'insert', newValues: { title: 'Nordljus' } }), 'client', ME, sv, 'sv')).toEqual([
      'Du skapade kunden ”Nordljus”.',
    ]);
    expect(describeActivity(row({ newValues: { archived_at: '2026-11-23' } }), 'task', ME, sv, 'sv')).toEqual(['Du arkiverade uppgiften.']);
    expect(describeActivity(row({ newValues: { archived_at: null } }), 'task', 'other', sv, 'sv')).toEqual([
      'Någon annan återställde uppgiften från arkivet.',
    ]);
    expect(describeActivity(row({ actorId: null, newValues: { position_x: 1, position_y: 2 } }), 'note', ME, sv, 'sv')).toEqual([
      'Systemet flyttade anteckningen på kartan.',
    ]);
  });

  it('never repeats the redacted note text', () => {
    const sentences = describeActivity(row({ oldValues: { body: '[redacted]' }, newValues: { body: '[redacted]' } }), 'note', ME, sv, 'sv');
    expect(sentences).toEqual(['Du ändrade texten i anteckningen.']);
  });

  it('names the changed invoicing fields with money in sv-SE', () => {
    const r = row({
      tableName: 'client_details',
      oldValues: { city: 'A', default_hourly_rate_ore: 1 },
      newValues: { city: 'B', default_hourly_rate_ore: 105050 },
    });
    expect(describeActivity(r, 'client', ME, sv, 'sv')).toEqual([
      'Du ändrade faktureringsuppgifterna: ort, timpris (kr, exkl. moms) (1\u00a0050,50\u00a0kr).',
    ]);
  });

  it('tells hours logged on the node with sv-SE durations and dates', () => {
    const logged = row({ tableName: 'time_entries', action: 'insert', newValues: { minutes: 90, entry_date: '2026-11-20' } });
    expect(describeActivity(logged, 'task', ME, sv, 'sv')).toEqual(['Du loggade 1 h 30 min för 2026-11-20.']);
    expect(describeActivity(logged, 'task', ME, en, 'en')).toEqual(['You logged 1 h 30 min for 2026-11-20.']);
    const changed = row({
      tableName: 'time_entries',
      oldValues: { minutes: 60, invoice_line_id: null },
      newValues: { minutes: 120, invoice_line_id: 'x' },
    });
    expect(describeActivity(changed, 'task', ME, sv, 'sv')).toEqual([
      'Du ändrade en tidspost från 1 h till 2 h.',
      'En tidspost lades på en faktura.',
    ]);
  });

  it('collapses a run of moves into one line but keeps renames', () => {
    const moves = [1, 2, 3].map((i) => row({ id: String(i), newValues: { position_x: i } }));
    expect(describeAll(moves, 'client', ME, sv, 'sv')).toHaveLength(1);
    const renames = [1, 2].map((i) => row({ id: String(i), oldValues: { title: 'A' }, newValues: { title: 'A' } }));
    expect(describeAll(renames, 'client', ME, sv, 'sv')).toHaveLength(2);
  });
});
