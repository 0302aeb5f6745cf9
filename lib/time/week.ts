// Calendar days and ISO weeks as Stockholm sees them. Days are 'YYYY-MM-DD' strings; arithmetic
// runs on UTC noon so no daylight-saving change can move a day.

const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

const toDate = (day: string) => new Date(`${day}T12:00:00Z`);
const toDay = (d: Date) => d.toISOString().slice(0, 10);

/** Today: the calendar day in Europe/Stockholm (as private.stockholm_today() in SQL), at now. */
export function today(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function isDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const date = toDate(value);
  return !Number.isNaN(date.getTime()) && toDay(date) === value;
}

export function addDays(day: string, n: number): string {
  return toDay(new Date(toDate(day).getTime() + n * DAY_MS));
}

/** The Monday of the ISO week the day falls in. */
export function mondayOf(day: string): string {
  const weekday = (toDate(day).getUTCDay() + 6) % 7; // Monday = 0
  return addDays(day, -weekday);
}

/** The seven days Monday–Sunday starting at monday. */
export function weekDays(monday: string): string[] {
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** ISO 8601 week number and week-year of a day. */
export function isoWeek(day: string): { year: number; week: number } {
  const thursday = toDate(addDays(mondayOf(day), 3));
  const year = thursday.getUTCFullYear();
  const jan4 = toDate(`${year}-01-04`);
  const firstThursday = addDays(mondayOf(toDay(jan4)), 3);
  return { year, week: 1 + Math.round((thursday.getTime() - toDate(firstThursday).getTime()) / (7 * DAY_MS)) };
}

/** The week a page shows: ?vecka=YYYY-MM-DD (any day of it), else this week. */
export function weekFromParam(param: string | string[] | undefined, current = today()): string {
  const value = typeof param === 'string' && isDay(param) ? param : current;
  return mondayOf(value);
}
