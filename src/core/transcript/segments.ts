/** One piece of talk as a parser found it, before consecutive pieces of one speaker are merged. */
export interface Segment {
  speaker: string
  start: number | null
  end: number | null
  text: string
  /** 1-based line where the words begin. */
  line: number
  /** Dictation only: the words as dictated, before spoken punctuation was applied. */
  verbatim?: string
}

/** What every format parser returns. */
export interface ParsedSegments {
  segments: Segment[]
  /** Header lines and transcriber notes that are not talk. */
  notes: { text: string; line: number }[]
  warnings: string[]
  /** Consecutive segments of one speaker form one turn (false for dictation: one sentence each). */
  mergeTurns: boolean
}

/** Collapse runs of whitespace to one space and trim: the only change a label or text undergoes. */
export function normalizeSpace(text: string): string {
  // Most cue text is already clean; testing first saves an allocation per cue on long files.
  return /[^\S ]| {2}|^ | $/.test(text) ? text.replace(/\s+/g, ' ').trim() : text
}

// Lower-case words that can sit inside a name ("Ana de la Cruz", "Loretta's iPad").
const NAME_PARTICLES = new Set([
  'de',
  'del',
  'della',
  'la',
  'le',
  'van',
  'von',
  'der',
  'den',
  'da',
  'di',
  'du',
  'bin',
  'ibn',
  'al',
  'el',
  'y',
  'e',
  'dos',
  'das',
  'ter',
  'ten',
])

/**
 * Whether text before ": " reads as a speaker label rather than the start of a sentence
 * ("And then I said: no"). Labels are short, and apart from particles, parentheticals
 * ("(she/her)") and credentials after a comma, every word starts with a capital or a digit
 * or has one inside ("iPad").
 */
export function looksLikeLabel(label: string): boolean {
  if (label.length === 0 || label.length > 60) return false
  if (/[?!;"“”]/.test(label) || /^[^\p{L}\p{N}]/u.test(label)) return false
  const core = label.replace(/\([^)]*\)/g, ' ').replace(/,.*$/, ' ')
  const words = core.split(/\s+/).filter(Boolean)
  if (words.length === 0 || words.length > 6) return false
  return words.every(
    (w) =>
      /^[\p{Lu}\p{Lt}\p{N}]/u.test(w) || /\p{Lu}/u.test(w.slice(1)) || NAME_PARTICLES.has(w.toLowerCase()),
  )
}

/** Merge consecutive segments of one speaker into a turn, joined with a single space. */
export function mergeTurns(segments: readonly Segment[]): Segment[] {
  const out: Segment[] = []
  for (const seg of segments) {
    const prev = out.at(-1)
    if (prev && prev.speaker === seg.speaker) {
      prev.text = `${prev.text} ${seg.text}`
      if (seg.end !== null) prev.end = prev.end === null ? seg.end : Math.max(prev.end, seg.end)
      continue
    }
    out.push({ ...seg })
  }
  return out
}
