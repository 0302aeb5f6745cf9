// Durations and amounts as Swedes type them, parsed without floating-point surprises.

/**
 * Minutes from "1:30", "1,5", "1.5", "90m", "90 min", "1h 30m", "2h", "2 tim" or "2".
 * A bare number is hours. Returns null for anything else, zero or negative.
 */
export function parseDuration(input: string): number | null {
  const s = input.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!s) return null;
  let minutes: number | null = null;
  let m: RegExpMatchArray | null;
  if ((m = s.match(/^(\d{1,2}):([0-5]\d)$/))) minutes = Number(m[1]) * 60 + Number(m[2]);
  else if ((m = s.match(/^(\d+)\s?(m|min|minuter|minutes?)$/))) minutes = Number(m[1]);
  else if ((m = s.match(/^(\d+)\s?(h|t|tim|timmar|timme|hours?)\s?(\d+)\s?(m|min|minuter|minutes?)?$/)))
    minutes = Number(m[1]) * 60 + Number(m[3]);
  else if ((m = s.match(/^(\d+)(?:[.,](\d+))?\s?(h|t|tim|timmar|timme|hours?)?$/))) {
    const fraction = m[2] ? Number(`0.${m[2]}`) : 0;
    minutes = Math.round((Number(m[1]) + fraction) * 60);
  }
  return minutes !== null && minutes > 0 ? minutes : null;
}

/** "1 h 30 min"-free short form for inputs: 90 → "1:30". */
export function durationInputValue(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * Öre from a kronor amount: "1 234,50", "1234.5", "1 234 kr", "-50". At most two decimals;
 * a single separator followed by exactly three digits is a thousands separator ("1.500" = 1500).
 * Returns null when it is not an amount.
 */
export function parseMoneyToOre(input: string): number | null {
  let s = input
    .trim()
    .replace(/[\s\u00a0]/g, '')
    .replace(/(kr|sek|:-)$/i, '');
  const negative = s.startsWith('-') || s.startsWith('−');
  if (negative) s = s.slice(1);
  if (!/^[0-9.,]+$/.test(s)) return null;
  // The decimal separator is the last one when one or two digits follow it; "1.500" and "1 500" group.
  const last = Math.max(s.lastIndexOf(','), s.lastIndexOf('.'));
  const tail = last >= 0 ? s.slice(last + 1) : '';
  const hasDecimals = last >= 0 && tail.length <= 2;
  const decimals = hasDecimals ? tail : '';
  const groups = (hasDecimals ? s.slice(0, last) : s).split(/[.,]/);
  // A lone "," before three digits is ambiguous (1,500): refused rather than guessed.
  if (!hasDecimals && last >= 0 && groups.length === 2 && s[last] === ',') return null;
  if (groups.some((g, i) => !/^[0-9]+$/.test(g) || (i > 0 && g.length !== 3) || (i === 0 && groups.length > 1 && g.length > 3)))
    return null;
  if (hasDecimals && !/^[0-9]+$/.test(decimals)) return null;
  const whole = groups.join('');
  const ore = Number(whole) * 100 + Number(decimals.padEnd(2, '0') || '0');
  if (!Number.isSafeInteger(ore)) return null;
  return negative ? -ore : ore;
}

/**
 * Öre as kronor with two decimals and no grouping, so it parses back: 123450 → "1234,50" for form
 * inputs and spreadsheets, "1234.50" with separator '.' (SIE).
 */
export function oreDecimal(ore: number, separator: ',' | '.' = ','): string {
  const abs = Math.abs(Math.round(ore));
  return `${ore < 0 ? '-' : ''}${Math.floor(abs / 100)}${separator}${String(abs % 100).padStart(2, '0')}`;
}
