/**
 * A report's period as two instants [from, to), on the county's calendar (UTC+8, like the exports
 * and due dates), and whether both ends fall on the first of a month (the roll-up, kept by month
 * of submission, can then answer).
 */
import type { Period } from './report-definition.js';

const OFFSET_MS = 8 * 3600_000;

export interface Bounds {
  from: Date;
  to: Date;
  /** Local calendar dates of the ends, YYYY-MM-DD (`to` exclusive). */
  fromDay: string;
  toDay: string;
  monthAligned: boolean;
}

const day = (y: number, m: number, d = 1) => new Date(Date.UTC(y, m, d));
const iso = (d: Date) => d.toISOString().slice(0, 10);

export function periodBounds(period: Period, now: Date): Bounds {
  const local = new Date(now.getTime() + OFFSET_MS);
  const [y, m] = [local.getUTCFullYear(), local.getUTCMonth()];
  let start: Date;
  let end: Date;
  switch (period.kind) {
    case 'thisMonth': start = day(y, m); end = day(y, m + 1); break;
    case 'lastMonth': start = day(y, m - 1); end = day(y, m); break;
    case 'thisYear': start = day(y, 0); end = day(y + 1, 0); break;
    case 'lastYear': start = day(y - 1, 0); end = day(y, 0); break;
    default: {
      const [fy, fm, fd] = period.from!.split('-').map(Number) as [number, number, number];
      const [ty, tm, td] = period.to!.split('-').map(Number) as [number, number, number];
      start = day(fy, fm - 1, fd);
      end = day(ty, tm - 1, td + 1);
    }
  }
  return {
    from: new Date(start.getTime() - OFFSET_MS),
    to: new Date(end.getTime() - OFFSET_MS),
    fromDay: iso(start),
    toDay: iso(end),
    monthAligned: start.getUTCDate() === 1 && end.getUTCDate() === 1,
  };
}
