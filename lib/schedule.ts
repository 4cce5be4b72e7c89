/**
 * The audit schedule: an EventBridge Scheduler rate or cron expression, and (for a rate) its
 * period, from which the "no successful audit" alarm takes its window.
 */
export interface AuditSchedule {
  /** The expression as EventBridge Scheduler takes it: `rate(1 hour)`, `cron(0 * * * ? *)`. */
  expression: string;
  /** Minutes between two runs; undefined for a cron expression. */
  periodMinutes: number | undefined;
}

/** The shortest period: a run may take the whole 15-minute Lambda timeout. */
export const MIN_PERIOD_MINUTES = 15;
/** The longest period: the alarm window (two periods) must fit in CloudWatch's 7-day limit. */
export const MAX_PERIOD_MINUTES = 3 * 24 * 60;

const UNIT_MINUTES: Record<string, number> = { minute: 1, minutes: 1, hour: 60, hours: 60, day: 1440, days: 1440 };
const RATE = /^rate\((\d+) (minutes?|hours?|days?)\)$/;
const CRON = /^cron\(([^()]+)\)$/;
const CRON_FIELD = /^[0-9A-Za-z*?,/#-]+$/;

/** Parses a schedule expression; undefined when EventBridge Scheduler would not accept it (or it runs too often). */
export function parseSchedule(expression: string): AuditSchedule | undefined {
  const rate = RATE.exec(expression);
  if (rate) {
    const value = Number(rate[1]);
    const unit = rate[2] as string;
    // EventBridge wants the singular unit for 1 and the plural otherwise.
    if (value < 1 || (value === 1) !== !unit.endsWith('s')) return undefined;
    const periodMinutes = value * (UNIT_MINUTES[unit] as number);
    if (periodMinutes < MIN_PERIOD_MINUTES || periodMinutes > MAX_PERIOD_MINUTES) return undefined;
    return { expression, periodMinutes };
  }
  const cron = CRON.exec(expression);
  if (cron) {
    const fields = (cron[1] as string).trim().split(/\s+/);
    if (fields.length !== 6 || !fields.every((field) => CRON_FIELD.test(field))) return undefined;
    const [, , dayOfMonth, , dayOfWeek] = fields;
    // One of day-of-month and day-of-week must be '?'.
    if ((dayOfMonth === '?') === (dayOfWeek === '?')) return undefined;
    return { expression: `cron(${fields.join(' ')})`, periodMinutes: undefined };
  }
  return undefined;
}
