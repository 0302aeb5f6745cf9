import { describe, expect, it } from 'vitest';
import { formatDate, formatMinutes, formatMoney } from '@/lib/i18n/format';

// sv-SE groups with a no-break space and writes minus as U+2212.
const NBSP = '\u00a0';

describe('sv-SE formatting', () => {
  it('formats öre as kronor without float errors', () => {
    expect(formatMoney(123456)).toBe(`1${NBSP}234,56${NBSP}kr`);
    expect(formatMoney(0)).toBe(`0,00${NBSP}kr`);
    expect(formatMoney(5)).toBe(`0,05${NBSP}kr`);
    expect(formatMoney(-12550)).toBe(`\u2212125,50${NBSP}kr`);
    expect(formatMoney(1_000_000_00)).toBe(`1${NBSP}000${NBSP}000,00${NBSP}kr`);
    // Beyond Number's exact range: bigint öre keep every digit.
    expect(formatMoney(900719925474099312n)).toBe(`9${NBSP}007${NBSP}199${NBSP}254${NBSP}740${NBSP}993,12${NBSP}kr`);
  });

  it('formats dates in ISO order, in Stockholm time', () => {
    expect(formatDate('2026-03-05')).toBe('2026-03-05');
    expect(formatDate(new Date('2026-11-22T23:30:00Z'))).toBe('2026-11-23');
    expect(formatDate('2026-11-22', 'sv', 'long')).toBe('22 november 2026');
    expect(formatDate('2026-11-22', 'en', 'long')).toBe('22 November 2026');
  });

  it('formats minutes as hours and minutes', () => {
    expect(formatMinutes(45)).toBe('45 min');
    expect(formatMinutes(60)).toBe('1 h');
    expect(formatMinutes(95)).toBe('1 h 35 min');
    expect(formatMinutes(0)).toBe('0 min');
    expect(formatMinutes(-30)).toBe('-30 min');
    expect(formatMinutes(120_000)).toBe(`2${NBSP}000 h`);
  });
});
