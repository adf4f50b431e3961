const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) of an instant in a time zone (one formatter per zone: making one costs ~60 µs). */
export function dayIn(timeZone: string, at: number): string {
  let f = dayFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, f);
  }
  return f.format(new Date(at));
}

/** YYYY-MM-DD plus (or minus) whole days. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** An expected close date more than a year ago or more than five years ahead is probably a typo: the form asks to confirm. */
export function isFarCloseDate(day: string, today: string): boolean {
  return day < addDays(today, -365) || day > addDays(today, 5 * 365);
}
