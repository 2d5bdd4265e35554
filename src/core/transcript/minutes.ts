import { extractNumbers } from '../text/index.js'
import type { Segment } from './segments.js'

/** A session length found in the text, with the line that states it. */
export interface StatedMinutes {
  minutes: number
  line: number
  warnings: string[]
}

/** Session length from timestamps: floor((last end, or last start when untimed ends) − first start) / 60). */
export function timedMinutes(segments: readonly Segment[]): number | null {
  let first = Number.POSITIVE_INFINITY
  let last = Number.NEGATIVE_INFINITY
  for (const seg of segments) {
    if (seg.start === null) continue
    first = Math.min(first, seg.start)
    last = Math.max(last, seg.end ?? seg.start, seg.start)
  }
  return Number.isFinite(first) ? Math.floor((last - first) / 60) : null
}

interface Trigger {
  /** Matches the words just before the number. */
  before: RegExp
  /** Lower is more trustworthy: file metadata, then closing/face-to-face statements, then openings. */
  priority: number
}

const TRIGGERS: readonly Trigger[] = [
  {
    before:
      /\b(?:(?:recording|session|total|visit|appointment|call|meeting|audio)\s+)?(?:length|duration)\s*(?::|=|-|of|was|is)?\s*(?:about\s+|approximately\s+|approx\.?\s+)?$/i,
    priority: 1,
  },
  {
    before:
      /\b(?:total|session|visit|appointment|face[- ]to[- ]face)\s+time\s*(?::|=|-|of|was|is)?\s*(?:about\s+|approximately\s+)?$/i,
    priority: 1,
  },
  {
    before: /\b(?:that's|that is|that was|this was|those were)\s+(?:our|the|all our|all the)\s+$/i,
    priority: 2,
  },
  { before: /\bface[- ]to[- ]face\s*(?:for\s+|of\s+|:\s*)?$/i, priority: 2 },
  {
    before:
      /\b(?:we have|we've got|we got|we have got|we'll have|we get)\s+(?:about\s+|around\s+|roughly\s+|the\s+|a full\s+|the full\s+)?$/i,
    priority: 3,
  },
]

// "ten minutes left", "fifteen minutes over", "two minutes late" measure something other than the session.
const MINUTES_AFTER =
  /^[\s-]*(?:minutes?|mins?)\b(?![\s-]+(?:left|remaining|more|over|late|early|ago|later|before|after|to go|of)\b)/i
const MINUTE_SESSION = /^[\s-]*minutes?[\s-]+(?:session|appointment|visit|intake|evaluation|eval)\b/i
const CLOCK_LENGTH =
  /\b(?:(?:recording|session|total|visit|appointment|call|meeting|audio)\s+)?(?:length|duration)\s*(?::|=|-|of|was|is)?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\b/i
const FULL_HOUR =
  /\b(?:(we have|we've got|we got)|(that's|that is|that was))\s+(?:our|the|a)\s+(?:full\s+|whole\s+)?hour\b/i

interface Candidate {
  minutes: number
  line: number
  priority: number
}

// Every stated length names minutes, an hour, a length or a duration; most passages name none.
const MENTIONS_TIME = /\b(?:min|minutes?|mins|hour|length|duration)\b/i

function candidatesIn(text: string, line: number): Candidate[] {
  const found: Candidate[] = []
  if (!MENTIONS_TIME.test(text)) return found
  const clock = CLOCK_LENGTH.exec(text)
  if (clock) {
    // Three parts are h:mm:ss; two are mm:ss, as media players show lengths under an hour.
    const seconds =
      clock[3] === undefined
        ? Number(clock[1]) * 60 + Number(clock[2])
        : Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3])
    found.push({ minutes: Math.floor(seconds / 60), line, priority: 1 })
  }
  for (const mention of extractNumbers(text)) {
    const after = text.slice(mention.end, mention.end + 40)
    if (!Number.isInteger(mention.value) || mention.value < 1 || mention.value > 600) continue
    if (MINUTE_SESSION.test(after)) {
      found.push({ minutes: mention.value, line, priority: 3 })
      continue
    }
    if (!MINUTES_AFTER.test(after)) continue
    const before = text.slice(Math.max(0, mention.start - 60), mention.start)
    const trigger = TRIGGERS.find((t) => t.before.test(before))
    if (trigger) found.push({ minutes: mention.value, line, priority: trigger.priority })
  }
  const hour = FULL_HOUR.exec(text)
  if (hour) found.push({ minutes: 60, line, priority: hour[2] ? 2 : 3 })
  return found
}

/**
 * The session length a clinician states in an untimed transcript ("we have thirty-five minutes
 * today", "that's our fifty-five minutes", "recording length 01:00:18", "the full hour").
 */
export function findStatedMinutes(passages: readonly { text: string; line: number }[]): StatedMinutes | null {
  const all = passages.flatMap((p) => candidatesIn(p.text, p.line))
  if (all.length === 0) return null
  const best = all.reduce((a, b) => (b.priority < a.priority ? b : a))
  const warnings: string[] = []
  const other = all.find((c) => c.minutes !== best.minutes)
  if (other) {
    warnings.push(
      `Stated session lengths differ (${best.minutes} min at line ${best.line}, ${other.minutes} min at line ${other.line}); used line ${best.line}.`,
    )
  }
  return { minutes: best.minutes, line: best.line, warnings }
}
