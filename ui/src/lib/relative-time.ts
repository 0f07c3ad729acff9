/** "just now", "5 minutes ago", "yesterday": how long ago an instant was, in English. */

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
]

const format = new Intl.RelativeTimeFormat("en", { numeric: "auto" })

export function relativeTime(iso: string, now: Date = new Date()): string {
  const then = new Date(iso).getTime()
  if (Number.isNaN(then)) return "unknown"
  const seconds = Math.round((now.getTime() - then) / 1000)
  // the server's clock may run a little ahead of this one
  if (seconds < 60) return "just now"
  for (const [unit, size] of UNITS) {
    if (seconds >= size) return format.format(-Math.floor(seconds / size), unit)
  }
  return "just now"
}
