/** Seconds from "HH:MM:SS.mmm", "MM:SS.mmm", "HH:MM:SS,mmm" or "HH:MM:SS", or undefined when malformed. */
export function parseTimestamp(raw: string): number | undefined {
  const m = /^(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?$/.exec(raw.trim())
  if (!m) return undefined
  const hours = m[1] === undefined ? 0 : Number(m[1])
  const minutes = Number(m[2])
  const seconds = Number(m[3])
  if (minutes > 59 || seconds > 59) return undefined
  const fraction = m[4] === undefined ? 0 : Number(m[4]) / 10 ** m[4].length
  return Math.round((hours * 3600 + minutes * 60 + seconds + fraction) * 1000) / 1000
}
