// Lesson 09's data: one calendar date written in the ways people write dates, to be translated to
// ISO 8601 (`2026-11-22`). The formats are chosen so that every string has exactly one reading: the
// separator tells American month/day order (`11/22/26`) from German day.month order (`22.11.2026`),
// and two-digit years pivot at 50 (`49` is 2049, `50` is 1950), which is why dates run from
// 1950-01-01 to 2049-12-31.

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** The first and last years a date is drawn from: the span a two-digit year names without ambiguity. */
export const FIRST_YEAR = 1950;
export const LAST_YEAR = 2049;

/** A calendar date (month 1–12, day 1–31). */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const shortMonth = (d: CalendarDate) => MONTHS[d.month - 1].slice(0, 3);
const longMonth = (d: CalendarDate) => MONTHS[d.month - 1];
const weekday = (d: CalendarDate) => WEEKDAYS[new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay()];
const twoDigitYear = (d: CalendarDate) => pad(d.year % 100, 2);

/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st, 22nd, 23rd … 31st. */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** Which field of the date a piece of an input writes (the weekday and the separators write none). */
export type DateField = 'year' | 'month' | 'day';

/** A piece of an input string, with the field it writes, so the lesson knows where each field's source is. */
export interface DatePart {
  text: string;
  field?: DateField;
}

/** How a date is written in one format; `name` is how the lesson labels it. */
export interface DateFormat {
  name: string;
  parts: (d: CalendarDate) => DatePart[];
}

const year = (text: string | number): DatePart => ({ text: String(text), field: 'year' });
const month = (text: string | number): DatePart => ({ text: String(text), field: 'month' });
const day = (text: string | number): DatePart => ({ text: String(text), field: 'day' });
const sep = (text: string): DatePart => ({ text });

export const DATE_FORMATS: readonly DateFormat[] = [
  { name: 'd MMM yyyy', parts: (d) => [day(d.day), sep(' '), month(shortMonth(d)), sep(' '), year(d.year)] },
  { name: 'dddd, MMMM d, yyyy', parts: (d) => [sep(`${weekday(d)}, `), month(longMonth(d)), sep(' '), day(d.day), sep(', '), year(d.year)] },
  { name: 'M/d/yy', parts: (d) => [month(d.month), sep('/'), day(d.day), sep('/'), year(twoDigitYear(d))] },
  { name: 'yyyy年M月d日', parts: (d) => [year(d.year), sep('年'), month(d.month), sep('月'), day(d.day), sep('日')] },
  { name: 'dd.MM.yyyy', parts: (d) => [day(pad(d.day, 2)), sep('.'), month(pad(d.month, 2)), sep('.'), year(d.year)] },
  { name: 'MMMM d, yyyy', parts: (d) => [month(longMonth(d)), sep(' '), day(d.day), sep(', '), year(d.year)] },
  { name: 'the dth of MMMM yyyy', parts: (d) => [sep('the '), day(ordinal(d.day)), sep(' of '), month(longMonth(d)), sep(' '), year(d.year)] },
  { name: 'yyyyMMdd', parts: (d) => [year(d.year), month(pad(d.month, 2)), day(pad(d.day, 2))] },
  { name: "ddd d MMM 'yy", parts: (d) => [sep(`${weekday(d).slice(0, 3)} `), day(d.day), sep(' '), month(shortMonth(d)), sep(" '"), year(twoDigitYear(d))] },
  { name: 'DD-MMM-YYYY', parts: (d) => [day(pad(d.day, 2)), sep('-'), month(shortMonth(d).toUpperCase()), sep('-'), year(d.year)] },
];

/** `date` written in `format`. */
export function writeDate(format: DateFormat, date: CalendarDate): string {
  return format
    .parts(date)
    .map((p) => p.text)
    .join('');
}

/** For each character of `date` written in `format`, the field it writes (undefined for the weekday and separators). */
export function fieldsOf(format: DateFormat, date: CalendarDate): (DateField | undefined)[] {
  return format.parts(date).flatMap((p) => [...p.text].map(() => p.field));
}

/** The field each character of an ISO date `yyyy-mm-dd` comes from (undefined for the dashes). */
export const ISO_FIELDS: readonly (DateField | undefined)[] = [...'yyyy-mm-dd'].map((c) => (c === 'y' ? 'year' : c === 'm' ? 'month' : c === 'd' ? 'day' : undefined));

/** The ISO 8601 form every input is translated to: `yyyy-mm-dd`, always 10 characters. */
export function isoDate(d: CalendarDate): string {
  return `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`;
}

/** The date `index` days after 1950-01-01 (index 0 … dayCount() − 1). */
export function dateAt(index: number): CalendarDate {
  const t = new Date(Date.UTC(FIRST_YEAR, 0, 1 + index));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** How many days from 1950-01-01 to 2049-12-31, both included (36,525). */
export function dayCount(): number {
  return Math.round((Date.UTC(LAST_YEAR, 11, 31) - Date.UTC(FIRST_YEAR, 0, 1)) / 86_400_000) + 1;
}
