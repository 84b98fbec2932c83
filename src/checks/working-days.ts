/**
 * China's working-day calendar, for the periods the law counts in working days (行政处罚法
 * art. 85: 二日、三日、五日、七日 are working days; 行政许可法 art. 82). Public holidays and the
 * adjusted working weekends (调休) come from the `chinese-days` data package (MIT), which
 * compiles the State Council's annual holiday notices (国务院办公厅关于节假日安排的通知). For a
 * year it has no data for, only weekends are skipped, and `hasDataFor` says so.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const data = require('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> };

export const CALENDAR_SOURCE = 'chinese-days 数据包（据国务院办公厅历年节假日安排通知）';

export interface WorkingDayCalendar {
  readonly source: string;
  hasDataFor(year: number): boolean;
  isWorkingDay(date: string): boolean;
  /** The date `n` working days after `start` (the period starts the day after `start`). */
  addWorkingDays(start: string, n: number): string;
  /** Working days after `from` up to and including `to` (0 when `to` ≤ `from`). */
  workingDaysBetween(from: string, to: string): number;
}

const DAY_MS = 86_400_000;
const toDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
const toIso = (d: Date) => d.toISOString().slice(0, 10);

export function addCalendarDays(iso: string, days: number): string {
  return toIso(new Date(toDate(iso).getTime() + days * DAY_MS));
}

export function calendarDaysBetween(from: string, to: string): number {
  return Math.round((toDate(to).getTime() - toDate(from).getTime()) / DAY_MS);
}

/** The last day of a period of `months` months starting after `start` (行政诉讼 6 months, time bars). */
export function addMonths(iso: string, months: number): string {
  const d = toDate(iso);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return toIso(target);
}

export function createChinaCalendar(source = data): WorkingDayCalendar {
  const holidays = new Set(Object.keys(source.holidays));
  const adjustedWorkdays = new Set(Object.keys(source.workdays));
  const years = new Set([...holidays].map((d) => Number(d.slice(0, 4))));

  const isWorkingDay = (date: string) => {
    if (adjustedWorkdays.has(date)) return true;
    if (holidays.has(date)) return false;
    const weekday = toDate(date).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  };

  return {
    source: CALENDAR_SOURCE,
    hasDataFor: (year) => years.has(year),
    isWorkingDay,
    addWorkingDays(start, n) {
      let day = start;
      let counted = 0;
      while (counted < n) {
        day = addCalendarDays(day, 1);
        if (isWorkingDay(day)) counted++;
      }
      return day;
    },
    workingDaysBetween(from, to) {
      let count = 0;
      for (let day = addCalendarDays(from, 1); day <= to; day = addCalendarDays(day, 1)) if (isWorkingDay(day)) count++;
      return count;
    },
  };
}
