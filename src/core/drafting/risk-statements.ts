import { categoryOfKind, RISK_LABEL } from '../guard/index.js'
import { countWords } from '../text/index.js'
import type { Flag, Statement } from './draft.schema.js'
import type { Voices } from './realize.js'

// How the note words a category where the flag label would read as an event: a denied attempt is
// "past attempts to end their life", never the phrase "suicide attempt" on its own.
const NOTE_PHRASE: Record<string, string> = { 'risk.suicide_attempt': 'past attempts to end their life' }

// A denial of abuse may come from the person accused of it ("I didn't push him"), so the note
// does not say on whom the harm would have fallen.
const DENIAL_PHRASE: Record<string, string> = { abuse: 'abuse or physical harm' }

function labelOf(kind: string, denied = false): string {
  if (NOTE_PHRASE[kind]) return NOTE_PHRASE[kind]
  const category = categoryOfKind(kind)
  if (denied && category && DENIAL_PHRASE[category]) return DENIAL_PHRASE[category]
  return category ? RISK_LABEL[category] : kind.replace(/^risk\./, '').replace(/_/g, ' ')
}

/** Quoted answers per denial statement, and the longest answer quoted. */
const MAX_QUOTES = 3
const QUOTE_WORDS = 8

function listPhrase(items: string[]): string {
  if (items.length <= 1) return items[0] ?? ''
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
}

/** Evidence ids in transcript order (u2 before u10). */
function byNumber(ids: string[]): string[] {
  return ids.sort((a, b) => a[0]!.localeCompare(b[0]!) || Number(a.slice(1)) - Number(b.slice(1)))
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/**
 * Risk statements for the note. Denials are grouped into one sentence per person, quoting a short
 * answer where there is one ("No guns."); each positive finding is quoted with its evidence. The
 * wording reports what was said and never adds an assessment.
 */
export function riskStatements(
  flags: Flag[],
  voices: Voices,
  speakerOf: (utteranceId: string) => string | undefined,
): Statement[] {
  const out: Statement[] = []
  const denied = flags.filter(
    (f) => f.polarity === 'denied' && f.subject !== 'third-party' && f.kind !== 'risk.substance_use',
  )
  const bySpeaker = new Map<string, Flag[]>()
  // Who denied: the flag's speaker, else whoever gave the answer it cites (never assumed to be the client).
  for (const f of denied) {
    const who = f.speaker ?? speakerOf(f.evidence.at(-1) ?? '') ?? ''
    bySpeaker.set(who, [...(bySpeaker.get(who) ?? []), f])
  }
  for (const [speaker, list] of bySpeaker) {
    // A few short answers are quoted in the client's words ("No guns."), each once, so the
    // statement documents the denial and stays short.
    const quoted = new Set<string>()
    const parts = [...new Set(list.map((f) => labelOf(f.kind, true)))].map((label) => {
      if (quoted.size >= MAX_QUOTES) return label
      const short = list.find(
        (f) =>
          labelOf(f.kind, true) === label &&
          countWords(f.excerpt) <= QUOTE_WORDS &&
          !quoted.has(oneLine(f.excerpt)),
      )
      if (!short) return label
      quoted.add(oneLine(short.excerpt))
      return `${label} ("${oneLine(short.excerpt)}")`
    })
    const name = speaker ? voices.nameOf(speaker) : 'Client'
    out.push({
      text: `${name} denied ${listPhrase(parts)} when asked.`,
      evidence: byNumber([...new Set(list.flatMap((f) => f.evidence))]),
    })
  }
  // Positive findings: one statement per kind and subject, quoting the first mention; the other
  // mentions stay as evidence (and as flags), so the note is not a list of repeats.
  const positives = new Map<string, Flag[]>()
  for (const f of flags) {
    if (f.polarity !== 'positive' || f.kind === 'risk.substance_use') continue
    const key = `${f.kind}|${f.subject ?? ''}`
    positives.set(key, [...(positives.get(key) ?? []), f])
  }
  for (const list of positives.values()) {
    const first = list[0]!
    const sayer = speakerOf(first.evidence.at(-1) ?? '')
    const who = sayer ? voices.nameOf(sayer) : 'Client'
    const excerpt = oneLine(first.excerpt)
    const text =
      first.subject === 'third-party'
        ? `${who} described a risk concern about another person (${labelOf(first.kind)}): "${excerpt}"`
        : `${who} described ${labelOf(first.kind)}: "${excerpt}"`
    out.push({ text, evidence: byNumber([...new Set(list.flatMap((f) => f.evidence))].slice(0, 6)) })
  }
  return out
}
