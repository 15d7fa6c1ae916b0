/**
 * Calendar budget periods in the tenant's time zone. A period is identified by a key that changes
 * exactly when the period resets ("D2026-11-22", "W2026-11-16", "M2026-11"), so a new period is
 * simply a counter that does not exist yet: resets cannot "fail".
 */
export type PeriodKind = "DAILY" | "WEEKLY" | "MONTHLY";

export interface Period {
  key: string;
  start: Date;
  end: Date;
}

const fmtCache = new Map<string, Intl.DateTimeFormat>();

function fmt(timeZone: string): Intl.DateTimeFormat {
  let f = fmtCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    fmtCache.set(timeZone, f);
  }
  return f;
}

/** Wall-clock fields of an instant in a zone. */
function wall(at: Date, timeZone: string) {
  const p = Object.fromEntries(fmt(timeZone).formatToParts(at).map((x) => [x.type, x.value]));
  return { y: +p.year!, m: +p.month!, d: +p.day!, h: +p.hour!, mi: +p.minute!, s: +p.second! };
}

/** The instant at which the zone's wall clock shows y-m-d 00:00 (robust to DST shifts). */
function zonedMidnight(y: number, m: number, d: number, timeZone: string): Date {
  const guess = Date.UTC(y, m - 1, d);
  let t = guess;
  for (let i = 0; i < 3; i++) {
    const w = wall(new Date(t), timeZone);
    const shown = Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s);
    t += guess - shown;
  }
  return new Date(t);
}

const pad = (n: number) => String(n).padStart(2, "0");

const dayCache = new Map<string, { start: number; end: number; day: string }>();

/** Tenant-local calendar date "YYYY-MM-DD" of an instant; cached until that local day ends (once per call on the hot path). */
export function localDay(at: Date, timeZone: string): string {
  const t = at.getTime();
  const hit = dayCache.get(timeZone);
  if (hit && t >= hit.start && t < hit.end) return hit.day;
  const w = wall(at, timeZone);
  const day = `${w.y}-${pad(w.m)}-${pad(w.d)}`;
  const p = periodOf("DAILY", at, timeZone);
  if (dayCache.size > 1000) dayCache.clear();
  dayCache.set(timeZone, { start: p.start.getTime(), end: p.end.getTime(), day });
  return day;
}

const periodCache = new Map<string, Period>();

/** The calendar period containing `at`; cached until it ends (formatting dates is the costly part). */
export function periodOf(kind: PeriodKind, at: Date, timeZone: string): Period {
  const k = `${kind}\u0000${timeZone}`;
  const hit = periodCache.get(k);
  const t = at.getTime();
  if (hit && t >= hit.start.getTime() && t < hit.end.getTime()) return hit;
  const p = computePeriod(kind, at, timeZone);
  if (periodCache.size > 1000) periodCache.clear();
  periodCache.set(k, p);
  return p;
}

function computePeriod(kind: PeriodKind, at: Date, timeZone: string): Period {
  const w = wall(at, timeZone);
  if (kind === "DAILY") {
    const next = new Date(Date.UTC(w.y, w.m - 1, w.d + 1));
    return {
      key: `D${w.y}-${pad(w.m)}-${pad(w.d)}`,
      start: zonedMidnight(w.y, w.m, w.d, timeZone),
      end: zonedMidnight(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), timeZone),
    };
  }
  if (kind === "WEEKLY") {
    // ISO weeks start on Monday.
    const dow = (new Date(Date.UTC(w.y, w.m - 1, w.d)).getUTCDay() + 6) % 7;
    const mon = new Date(Date.UTC(w.y, w.m - 1, w.d - dow));
    const nextMon = new Date(Date.UTC(w.y, w.m - 1, w.d - dow + 7));
    return {
      key: `W${mon.getUTCFullYear()}-${pad(mon.getUTCMonth() + 1)}-${pad(mon.getUTCDate())}`,
      start: zonedMidnight(mon.getUTCFullYear(), mon.getUTCMonth() + 1, mon.getUTCDate(), timeZone),
      end: zonedMidnight(nextMon.getUTCFullYear(), nextMon.getUTCMonth() + 1, nextMon.getUTCDate(), timeZone),
    };
  }
  const ny = w.m === 12 ? w.y + 1 : w.y;
  const nm = w.m === 12 ? 1 : w.m + 1;
  return { key: `M${w.y}-${pad(w.m)}`, start: zonedMidnight(w.y, w.m, 1, timeZone), end: zonedMidnight(ny, nm, 1, timeZone) };
}
