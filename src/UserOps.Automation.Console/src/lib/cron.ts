/**
 * A Quartz cron evaluator for the browser: "sec min hour day-of-month month day-of-week [year]".
 * Supports * ? lists, ranges, steps, month and day names, L and L-n in day-of-month, nL and n#k in
 * day-of-week. W (nearest weekday) is refused with a clear message rather than guessed.
 * Day-of-week runs 1-7 = SUN-SAT, as in Quartz. Firings are computed on the wall clock of an IANA zone.
 */

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export interface CronSpec {
  fields: string[];
  seconds: number[];
  minutes: number[];
  hours: number[];
  months: number[];
  years: number[] | null;
  dom: { any: true } | { any: false; days: Set<number>; lastOffsets: number[] };
  dow: { any: true } | { any: false; days: Set<number>; last: number[]; nth: Array<[number, number]> };
}

export class CronError extends Error {}

export function parseCron(expression: string): CronSpec {
  const fields = expression.trim().toUpperCase().split(/\s+/);
  if (fields.length < 6 || fields.length > 7) {
    throw new CronError(`A Quartz cron has 6 or 7 fields (sec min hour day-of-month month day-of-week [year]); this has ${fields[0] === '' ? 0 : fields.length}.`);
  }
  const [sec, min, hour, dom, month, dow, year] = fields;
  if (dom !== '?' && dow !== '?') throw new CronError("Put '?' in day-of-month or in day-of-week (Quartz needs one of them to be '?').");
  if (dom === '?' && dow === '?') throw new CronError("Only one of day-of-month and day-of-week may be '?'.");
  return {
    fields,
    seconds: values(sec, 0, 59, 'seconds'),
    minutes: values(min, 0, 59, 'minutes'),
    hours: values(hour, 0, 23, 'hours'),
    months: values(month, 1, 12, 'month', MONTHS, 1),
    years: year === undefined || year === '*' ? null : values(year, 1970, 2199, 'year'),
    dom: parseDom(dom),
    dow: parseDow(dow),
  };
}

function parseDom(text: string): CronSpec['dom'] {
  if (text === '?' || text === '*') return { any: true };
  const days = new Set<number>();
  const lastOffsets: number[] = [];
  for (const part of text.split(',')) {
    if (part.includes('W')) throw new CronError("'W' (nearest weekday) is not supported by the console's preview.");
    const last = /^L(?:-(\d+))?$/.exec(part);
    if (last) { lastOffsets.push(last[1] ? Number(last[1]) : 0); continue; }
    for (const v of values(part, 1, 31, 'day-of-month')) days.add(v);
  }
  return { any: false, days, lastOffsets };
}

function parseDow(text: string): CronSpec['dow'] {
  if (text === '?' || text === '*') return { any: true };
  const days = new Set<number>();
  const last: number[] = [];
  const nth: Array<[number, number]> = [];
  for (const part of text.split(',')) {
    const lastOf = /^(\w+)L$/.exec(part);
    if (lastOf) { last.push(single(lastOf[1], 1, 7, 'day-of-week', DAYS, 1)); continue; }
    const hash = /^(\w+)#([1-5])$/.exec(part);
    if (hash) { nth.push([single(hash[1], 1, 7, 'day-of-week', DAYS, 1), Number(hash[2])]); continue; }
    if (part === 'L') { last.push(7); continue; }
    for (const v of values(part, 1, 7, 'day-of-week', DAYS, 1)) days.add(v);
  }
  return { any: false, days, last, nth };
}

function single(text: string, min: number, max: number, field: string, names?: string[], nameBase = 0): number {
  const index = names ? names.indexOf(text) : -1;
  const n = index >= 0 ? index + nameBase : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new CronError(`'${text}' is not a valid ${field} (${min}-${max}${names ? ` or ${names[0]}-${names[names.length - 1]}` : ''}).`);
  return n;
}

function values(text: string, min: number, max: number, field: string, names?: string[], nameBase = 0): number[] {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new CronError(`'${part}': the step of ${field} must be a positive whole number.`);
    let from: number;
    let to: number;
    if (range === '*' || range === '?') { from = min; to = max; }
    else if (range.includes('-')) {
      const [a, b] = range.split('-');
      from = single(a, min, max, field, names, nameBase);
      to = single(b, min, max, field, names, nameBase);
    } else {
      from = single(range, min, max, field, names, nameBase);
      to = stepText === undefined ? from : max;
    }
    if (from <= to) for (let v = from; v <= to; v += step) out.add(v);
    else { // wrapping range such as FRI-MON or 22-2
      for (let v = from; v <= max; v += step) out.add(v);
      for (let v = min; v <= to; v += step) out.add(v);
    }
  }
  return [...out].sort((a, b) => a - b);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function matchesDay(spec: CronSpec, year: number, month: number, day: number): boolean {
  if (!spec.months.includes(month)) return false;
  if (spec.years && !spec.years.includes(year)) return false;
  const last = daysInMonth(year, month);
  if (!spec.dom.any) {
    const dom = spec.dom;
    if (!dom.days.has(day) && !dom.lastOffsets.some(off => day === last - off)) return false;
  }
  if (!spec.dow.any) {
    const dow = new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
    const d = spec.dow;
    const ok = d.days.has(dow)
      || (d.last.includes(dow) && day + 7 > last)
      || d.nth.some(([wd, k]) => wd === dow && Math.ceil(day / 7) === k);
    if (!ok) return false;
  }
  return true;
}

interface Wall { year: number; month: number; day: number; hour: number; minute: number; second: number }

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallOf(instant: number, timeZone: string): Wall {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour % 24, minute: parts.minute, second: parts.second };
}

function wallToUtcMillis(w: Wall): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** The instant at which the zone's clock shows the wall time (the later offset wins in a DST gap). */
export function instantOf(w: Wall, timeZone: string): number {
  const guess = wallToUtcMillis(w);
  const offset1 = wallToUtcMillis(wallOf(guess, timeZone)) - guess;
  let instant = guess - offset1;
  const offset2 = wallToUtcMillis(wallOf(instant, timeZone)) - instant;
  if (offset2 !== offset1) instant = guess - offset2;
  return instant;
}

/** The next `count` firings strictly after `after`, on the clock of `timeZone`. */
export function nextFirings(expression: string | CronSpec, after: Date, timeZone: string, count = 5): Date[] {
  const spec = typeof expression === 'string' ? parseCron(expression) : expression;
  const start = wallOf(after.getTime(), timeZone);
  const startKey = wallToUtcMillis(start);
  const result: Date[] = [];
  const cursor = new Date(Date.UTC(start.year, start.month - 1, start.day));
  for (let days = 0; days < 366 * 30 && result.length < count; days++) {
    const year = cursor.getUTCFullYear();
    if (spec.years && year > Math.max(...spec.years)) break;
    const month = cursor.getUTCMonth() + 1;
    const day = cursor.getUTCDate();
    if (matchesDay(spec, year, month, day)) {
      for (const hour of spec.hours) {
        for (const minute of spec.minutes) {
          for (const second of spec.seconds) {
            const wall = { year, month, day, hour, minute, second };
            if (wallToUtcMillis(wall) <= startKey) continue;
            const instant = instantOf(wall, timeZone);
            if (instant <= after.getTime()) continue;
            result.push(new Date(instant));
            if (result.length === count) return result;
          }
        }
      }
    }
    cursor.setUTCDate(cursor.getUTCDate() + 1);
  }
  return result;
}

/** A plain-English reading of a cron, e.g. "At 09:00, Monday to Friday". */
export function describeCron(expression: string): string {
  const spec = parseCron(expression);
  const [sec, min, hour, dom, month, dow, year] = spec.fields;
  return [describeTime(spec, sec, min, hour), describeDays(spec, dom, dow), describeMonths(spec, month), year && year !== '*' ? `in ${year}` : '']
    .filter(Boolean).join(', ');
}

const pad = (n: number) => String(n).padStart(2, '0');

function describeTime(spec: CronSpec, sec: string, min: string, hour: string): string {
  const secPart = sec === '0' ? '' : spec.seconds.length === 60 ? 'every second' : `at second ${list(spec.seconds)}`;
  if (spec.minutes.length === 1 && spec.hours.length <= 6 && !hour.includes('/') && hour !== '*') {
    const times = spec.hours.map(h => `${pad(h)}:${pad(spec.minutes[0])}${sec !== '0' && spec.seconds.length === 1 ? `:${pad(spec.seconds[0])}` : ''}`);
    return `At ${joinAnd(times)}`;
  }
  const minutePart = min === '*' ? 'every minute'
    : /^(\*|0)\/\d+$/.test(min) ? `every ${min.split('/')[1]} minutes`
    : spec.minutes.length === 1 ? `at minute ${spec.minutes[0]}` : `at minutes ${list(spec.minutes)}`;
  const hourPart = hour === '*' ? (min === '*' || min.includes('/') ? '' : 'of every hour')
    : /^(\*|0)\/\d+$/.test(hour) ? `every ${hour.split('/')[1]} hours`
    : `between ${pad(spec.hours[0])}:00 and ${pad(spec.hours[spec.hours.length - 1])}:59`;
  const text = [secPart && sec !== '0' && sec !== '*' ? secPart : '', minutePart, hourPart].filter(Boolean).join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function describeDays(spec: CronSpec, dom: string, dow: string): string {
  if (dom === '?' && dow === '*') return 'every day';
  if (dow === '?' && dom === '*') return 'every day';
  if (!spec.dom.any) {
    const parts = [...spec.dom.days].sort((a, b) => a - b).map(String);
    for (const off of spec.dom.lastOffsets) parts.push(off === 0 ? 'the last day' : `${off} days before the last day`);
    return `on ${spec.dom.lastOffsets.length && !spec.dom.days.size ? '' : 'day '}${joinAnd(parts)} of the month`.replace('on  ', 'on ');
  }
  if (!spec.dow.any) {
    const d = spec.dow;
    const days = [...d.days].sort((a, b) => a - b);
    const parts: string[] = [];
    if (days.length === 5 && days.join() === '2,3,4,5,6') parts.push('Monday to Friday');
    else if (days.length === 2 && days.join() === '1,7') parts.push('on weekends');
    else if (days.length) parts.push(`on ${joinAnd(days.map(n => DAY_NAMES[n - 1]))}`);
    for (const n of d.last) parts.push(`on the last ${DAY_NAMES[n - 1]} of the month`);
    for (const [n, k] of d.nth) parts.push(`on the ${['first', 'second', 'third', 'fourth', 'fifth'][k - 1]} ${DAY_NAMES[n - 1]} of the month`);
    return parts.join(' and ');
  }
  return 'every day';
}

function describeMonths(spec: CronSpec, month: string): string {
  if (month === '*') return '';
  return `in ${joinAnd(spec.months.map(m => MONTH_NAMES[m - 1]))}`;
}

function list(values: number[]): string {
  return values.length > 8 ? `${values.slice(0, 8).join(', ')}…` : values.join(', ');
}

function joinAnd(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
