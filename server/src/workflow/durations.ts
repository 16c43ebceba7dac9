/**
 * ISO-8601 durations for workflow timers (`after` keys and the machine's `meta.delays`).
 *
 * Timers run for weeks and are scheduled as jobs, so a duration must mean the same number of
 * milliseconds whenever it is read: calendar units are fixed (a month is 30 days, a year 365 days)
 * instead of depending on the start date the way `iso8601-duration`'s `toSeconds` does.
 */
import { parse, pattern } from 'iso8601-duration';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// The package's pattern is unanchored ("xP7Dy" would match) and allows an empty time part ("P7DT").
const FULL_DURATION = new RegExp(`^${pattern.source}$`);
const EMPTY_TIME_PART = /T$/;

/** Milliseconds of an ISO-8601 duration such as `P7D`, `PT5S`, `P2M`; undefined if it is not one or is zero. */
export function durationMs(iso: string): number | undefined {
  if (!FULL_DURATION.test(iso) || EMPTY_TIME_PART.test(iso)) return undefined;
  let d;
  try {
    d = parse(iso);
  } catch {
    return undefined; // e.g. "P", "PT" or a fraction on a unit that is not the smallest
  }
  const ms =
    (d.years ?? 0) * 365 * DAY +
    (d.months ?? 0) * 30 * DAY +
    (d.weeks ?? 0) * 7 * DAY +
    (d.days ?? 0) * DAY +
    (d.hours ?? 0) * HOUR +
    (d.minutes ?? 0) * MINUTE +
    (d.seconds ?? 0) * SECOND;
  return Number.isFinite(ms) && ms > 0 ? Math.round(ms) : undefined;
}

/**
 * Bounds of a timer: shorter than a second is a typo (and a busy loop of jobs), longer than five
 * years outlives any programme and overflows the job queue's dates (`P300000Y` made every case
 * entering the state fail).
 */
export const MIN_DELAY_MS = SECOND;
export const MAX_DELAY_MS = 5 * 365 * DAY;

/** Why a delay of `ms` is unreasonable (English), or undefined when it is within the bounds. */
export function delayOutOfBounds(ms: number): string | undefined {
  if (ms > MAX_DELAY_MS) return 'is longer than 5 years (the longest timer allowed)';
  if (ms < MIN_DELAY_MS) return 'is shorter than 1 second (the shortest timer allowed)';
  return undefined;
}

export function isDuration(value: unknown): value is string {
  return typeof value === 'string' && durationMs(value) !== undefined;
}

export interface ResolvedDelay {
  /** The key as written in `after`: a duration or a name from `meta.delays`. */
  delay: string;
  /** The ISO-8601 duration it stands for. */
  duration: string;
  ms: number;
}

/**
 * Resolves an `after` key: a name from the machine's `meta.delays` wins over reading the key as a
 * duration (the checker refuses names that look like durations, so the two never collide).
 */
export function resolveDelay(
  delay: string,
  named: Readonly<Record<string, unknown>> | undefined,
): ResolvedDelay | undefined {
  const duration = named && Object.hasOwn(named, delay) ? named[delay] : delay;
  if (typeof duration !== 'string') return undefined;
  const ms = durationMs(duration);
  return ms === undefined ? undefined : { delay, duration, ms };
}
