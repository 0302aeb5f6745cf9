// Days and ISO weeks in Stockholm, and the hours forms' parsing.
import { describe, expect, it } from 'vitest';
import { cellSchema, entrySchema } from '@/lib/time/schema';
import { addDays, isDay, isoWeek, mondayOf, today, weekDays, weekFromParam } from '@/lib/time/week';

describe('weeks', () => {
  it('finds the ISO week and its Monday, across year ends and daylight-saving changes', () => {
    expect(isoWeek('2026-11-23')).toEqual({ year: 2026, week: 48 });
    expect(isoWeek('2027-01-01')).toEqual({ year: 2026, week: 53 });
    expect(isoWeek('2024-12-30')).toEqual({ year: 2025, week: 1 });
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(mondayOf('2026-03-29')).toBe('2026-03-23'); // DST starts that Sunday
    expect(weekDays('2026-10-19')).toEqual([
      '2026-10-19',
      '2026-10-20',
      '2026-10-21',
      '2026-10-22',
      '2026-10-23',
      '2026-10-24',
      '2026-10-25',
    ]);
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
  });

  it('uses the Stockholm date, and falls back to this week for a bad parameter', () => {
    expect(today(new Date('2026-11-22T23:30:00Z'))).toBe('2026-11-23');
  });

  it('today turns at Stockholm midnight, in winter and summer time and at the turn of the year', () => {
    for (const [instant, day] of [
      ['2026-12-31T22:59:59.999Z', '2026-12-31'],
      ['2026-12-31T23:00:00Z', '2027-01-01'],
      ['2027-01-01T00:30:00+01:00', '2027-01-01'],
      ['2026-06-30T21:59:59Z', '2026-06-30'],
      ['2026-06-30T22:00:00Z', '2026-07-01'],
      ['2026-03-29T00:59:59Z', '2026-03-29'], // the night summer time starts
      ['2026-10-24T22:30:00Z', '2026-10-25'], // and ends
    ] as const) {
      expect(today(new Date(instant)), instant).toBe(day);
    }
    expect(weekFromParam('2026-02-30', '2026-11-25')).toBe('2026-11-23');
    expect(weekFromParam(['x'], '2026-11-25')).toBe('2026-11-23');
    expect(weekFromParam('2026-01-07', '2026-11-25')).toBe('2026-01-05');
    expect(isDay('2026-13-01')).toBe(false);
  });
});

describe('hours forms', () => {
  const entry = { nodeId: '6f1c1a52-0e0b-4a43-9d55-7c7d1bb7f0a1', entryDate: '2026-11-23', description: '' };
  it('takes durations as people type them', () => {
    for (const [typed, minutes] of [
      ['1:30', 90],
      ['1,5', 90],
      ['90m', 90],
      ['2', 120],
    ] as const) {
      expect(entrySchema.parse({ ...entry, minutes: typed }).minutes, typed).toBe(minutes);
    }
  });

  it('refuses what is not a duration or longer than a day, and a missing node', () => {
    const messages = (input: Record<string, string>) => {
      const r = entrySchema.safeParse({ ...entry, ...input });
      return r.success ? [] : r.error.issues.map((i) => i.message);
    };
    expect(messages({ minutes: 'en stund' })).toEqual(['validation.duration']);
    expect(messages({ minutes: '25:00' })).toEqual(['time.errors.tooLong']);
    expect(messages({ minutes: '1:00', nodeId: '' })).toEqual(['time.errors.nodeRequired']);
    expect(messages({ minutes: '1:00', hourlyRate: '-5' })).toEqual(['validation.money']);
  });

  it('lets an emptied week grid cell mean zero', () => {
    expect(cellSchema.parse({ nodeId: entry.nodeId, entryDate: entry.entryDate, minutes: '' }).minutes).toBe(0);
    expect(cellSchema.parse({ nodeId: entry.nodeId, entryDate: entry.entryDate, minutes: '45m' }).minutes).toBe(45);
    const bad = cellSchema.safeParse({ nodeId: entry.nodeId, entryDate: entry.entryDate, minutes: 'xyz' });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.message)).toEqual(['validation.duration']);
  });
});
