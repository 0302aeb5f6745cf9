// Swedish number and date formatting. Money is integer öre; times are whole minutes.
import type { Locale } from './catalogue';

const TAG: Record<Locale, string> = { sv: 'sv-SE', en: 'en-SE' };
const TIME_ZONE = 'Europe/Stockholm';

/** 123456 öre → "1 234,56 kr" (sv) — never floating-point arithmetic on the amount itself. */
export function formatMoney(ore: number | bigint, locale: Locale = 'sv', currency = 'SEK'): string {
  const value = typeof ore === 'bigint' ? ore : BigInt(Math.round(ore));
  const negative = value < 0n;
  const abs = negative ? -value : value;
  // Intl accepts a decimal string, so no float rounding can creep in.
  const decimal = `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
  return new Intl.NumberFormat(TAG[locale], { style: 'currency', currency, minimumFractionDigits: 2 }).format(decimal as unknown as number);
}

/** A calendar date: "2026-11-22" in sv-SE (ISO order, as Swedish invoices print it). */
export function formatDate(date: Date | string, locale: Locale = 'sv', style: 'short' | 'long' = 'short'): string {
  const d = typeof date === 'string' ? new Date(date.length === 10 ? `${date}T12:00:00Z` : date) : date;
  const options: Intl.DateTimeFormatOptions =
    style === 'long'
      ? { dateStyle: 'long', timeZone: TIME_ZONE }
      : { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: TIME_ZONE };
  return new Intl.DateTimeFormat(TAG[locale], options).format(d);
}

/** A day as a heading: "måndag 30 november" (sv), "Monday 30 November" (en). */
export function formatWeekday(day: string, locale: Locale = 'sv'): string {
  return new Intl.DateTimeFormat(TAG[locale], { weekday: 'long', day: 'numeric', month: 'long', timeZone: TIME_ZONE }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

/** 95 → "1 h 35 min"; 45 → "45 min"; 120 → "2 h". */
export function formatMinutes(minutes: number, locale: Locale = 'sv'): string {
  const sign = minutes < 0 ? '-' : '';
  const total = Math.abs(Math.round(minutes));
  const h = Math.floor(total / 60);
  const m = total % 60;
  const hours = new Intl.NumberFormat(TAG[locale]).format(h);
  if (h === 0) return `${sign}${m} min`;
  if (m === 0) return `${sign}${hours} h`;
  return `${sign}${hours} h ${m} min`;
}

/** 32505856 → "31 MB" (sv: "1,5 MB"); binary megabytes, as the bucket limit is set. */
export function formatBytes(bytes: number, locale: Locale): string {
  const tag = TAG[locale];
  if (bytes < 1024) return `${new Intl.NumberFormat(tag).format(bytes)} B`;
  if (bytes < 1024 * 1024) return `${new Intl.NumberFormat(tag, { maximumFractionDigits: 0 }).format(bytes / 1024)} kB`;
  return `${new Intl.NumberFormat(tag, { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} MB`;
}
