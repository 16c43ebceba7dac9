/**
 * Due dates of a state (`meta.dueIn`, `meta.dueDate`) and of a recurring review's occurrences.
 *
 * Calendar dates mean the end of that day in China Standard Time (UTC+8, no daylight saving):
 * "2027-04-15" is due until 2027-04-15 23:59:59.999 in the county, whatever the server's zone.
 */
import { readPointer } from '../programmes/form-pointer.js';

const DATE = /^(\d{4})-(\d\d)-(\d\d)$/;
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;
const CST = '+08:00';

export type DueRule = { ms: number } | { field: string } | { annual: string };

export interface ReviewInfo {
  /** The `every` key as written (a duration or a `meta.delays` name) and what it resolves to. */
  every: string;
  ms: number;
  title: { zh: string; en: string };
  roles: string[];
  events: string[];
  /** How long an occurrence may stay open; undefined when it is not due at a set time. */
  dueInMs?: number;
}

/** The end of day `yyyy-mm-dd` in China Standard Time, or undefined when it is not a real date. */
export function endOfDay(date: string): Date | undefined {
  const m = DATE.exec(date);
  if (!m) return undefined;
  const d = new Date(`${date}T23:59:59.999${CST}`);
  // "2027-02-30" parses to 2 March in some engines and to NaN in others: refuse both.
  const check = new Date(d.getTime() + 8 * 3600_000);
  if (Number.isNaN(d.getTime()) || check.getUTCDate() !== Number(m[3]) || check.getUTCMonth() + 1 !== Number(m[2])) return undefined;
  return d;
}

/** When a case that entered a state at `enteredAt` with this data is due; null when never. */
export function dueAt(rule: DueRule | undefined, data: unknown, enteredAt: Date): Date | null {
  if (!rule) return null;
  if ('ms' in rule) return new Date(enteredAt.getTime() + rule.ms);
  if ('field' in rule) {
    // A missing or malformed date leaves the case without a due date rather than refusing the move:
    // the form's own validation decides what a valid date is.
    const v = readPointer(data, rule.field);
    if (typeof v !== 'string') return null;
    if (DATE.test(v)) return endOfDay(v) ?? null;
    if (DATE_TIME.test(v)) {
      const d = new Date(v);
      return Number.isNaN(d.getTime()) ? null : d;
    }
    return null;
  }
  // The next `annual` day on or after the day the state was entered (in China Standard Time).
  const year = new Date(enteredAt.getTime() + 8 * 3600_000).getUTCFullYear();
  const thisYear = endOfDay(`${year}-${rule.annual}`)!;
  return thisYear.getTime() >= enteredAt.getTime() ? thisYear : endOfDay(`${year + 1}-${rule.annual}`)!;
}

/** The occurrence due at `now` for a review every `ms` since `enteredAt`: 1 after one period, 2 after two … */
export function occurrenceAt(enteredAt: Date, ms: number, now: Date): number {
  return Math.floor((now.getTime() - enteredAt.getTime()) / ms);
}
