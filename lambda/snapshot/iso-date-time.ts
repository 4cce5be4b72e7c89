/**
 * Whether a text is an ISO-8601 date-time that names a real instant: the snapshot's shape
 * (`2026-11-22T10:00:00.000Z`, or with an offset) with a month from 1 to 12, a day the month has,
 * an hour from 0 to 23, minutes and seconds from 0 to 59 and an offset within ±14:00.
 * `2026-13-45T25:61:00Z` matches the shape and is not one: every clock computed from it is NaN.
 */
const SHAPE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):?(\d{2}))$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isRealDateTime(text: string): boolean {
  const parts = SHAPE.exec(text);
  if (!parts) return false;
  const [year, month, day, hour, minute] = parts.slice(1, 6).map(Number);
  const second = parts[6] === undefined ? 0 : Number(parts[6]);
  const offsetHours = parts[7] === undefined ? 0 : Number(parts[7]);
  const offsetMinutes = parts[8] === undefined ? 0 : Number(parts[8]);
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysIn(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours * 60 + offsetMinutes <= 14 * 60 &&
    offsetMinutes <= 59 &&
    !Number.isNaN(Date.parse(text))
  );
}
