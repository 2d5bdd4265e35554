import { escapeRegExp } from '../text/index.js'
import type { Candidate, KnownIdentifiers, PhiType } from './deid.schema.js'
import { isEnglishWord, isStopWord, TITLES } from './lexicon.js'
import { PRIORITY } from './patterns.js'

/** Words in speaker labels that describe a role or a device, not a person. */
const LABEL_WORDS = new Set(
  'therapist client clinician counselor counsellor patient speaker interviewer interviewee facilitator co-facilitator member guest host user unknown participant moderator caller parent mother father provider supervisor supervisee prescriber psychiatrist psychologist nurse doctor family group leader staff attendee presenter mom dad'.split(
    ' ',
  ),
)

function flexible(s: string): string {
  return escapeRegExp(s.trim()).replace(/\s+/g, '\\s+')
}

/** Case-insensitive source for a literal (Node 20 has no inline `(?i:)` groups). */
function caseless(s: string): string {
  return [...s.trim()]
    .map((ch) => {
      if (/\s/.test(ch)) return ' '
      const lo = ch.toLowerCase()
      const up = ch.toUpperCase()
      return lo === up || lo.length !== 1 || up.length !== 1 ? escapeRegExp(ch) : `[${lo}${up}]`
    })
    .join('')
    .replace(/ +/g, '\\s+')
}

/** The name parts of a speaker label or known name: "Dr. Ines Calloway" → Ines, Calloway; "Loretta's iPad" → Loretta. */
export function nameParts(label: string): { full: string | undefined; parts: string[] } {
  const cleaned = label
    .replace(/\([^)]*\)/g, ' ')
    .split(',')[0]!
    .trim()
  const parts: string[] = []
  const tokens = cleaned.match(/[\p{L}\p{M}][\p{L}\p{M}'’-]*\.?/gu) ?? []
  let kept = 0
  for (const raw of tokens) {
    const possessive = /['’]s?$/.test(raw)
    const core = raw.replace(/['’]s?$/, '').replace(/\.$/, '')
    const lower = core.toLowerCase()
    if (core.length >= 2 && !TITLES.has(lower) && !LABEL_WORDS.has(lower) && !isStopWord(lower)) {
      parts.push(core)
      kept++
    }
    // Whatever follows a possessive in a label is a thing ("Loretta's iPad", "Sefa's Galaxy").
    if (possessive) break
  }
  const withoutTitle = cleaned.replace(/^(?:Dr|Mr|Mrs|Ms|Mx|Prof)\.?\s+/i, '')
  const full = kept >= 2 && !/['’]s\b/.test(withoutTitle) ? withoutTitle : undefined
  return { full, parts }
}

/** A pattern for one known name part: case-insensitive, except word-like names ("Wren", "Jasmine") need a capital. */
function namePartPattern(part: string): string {
  if (isEnglishWord(part.toLowerCase())) {
    const first = part[0]!
    return `${escapeRegExp(first.toUpperCase())}${flexible(part.slice(1).toLowerCase())}|${escapeRegExp(part.toUpperCase())}`
  }
  return caseless(part)
}

/** A pattern for a known id: any separators between its characters ("CMX448120937" = "CMX-448-120-937"). */
function idPattern(id: string): string {
  const chars = id.replace(/[^\p{L}\p{N}]/gu, '')
  if (chars.length < 4) return caseless(id)
  return [...chars].map(caseless).join('[\\s.-]?')
}

function literalPattern(s: string): string {
  return caseless(s)
}

const WORD_CHAR = /[\p{L}\p{N}]/u

interface KnownPattern {
  re: RegExp
  type: PhiType
}

const compiled = new WeakMap<KnownIdentifiers, KnownPattern[]>()

function compile(known: KnownIdentifiers): KnownPattern[] {
  const cached = compiled.get(known)
  if (cached) return cached
  const groups: [PhiType, string[]][] = []
  const names: string[] = []
  for (const n of known.names ?? []) {
    const { full, parts } = nameParts(n)
    if (full) names.push(literalPattern(full))
    for (const p of parts) names.push(namePartPattern(p))
  }
  groups.push(['name', names])
  groups.push(['date', (known.dates ?? []).map(literalPattern)])
  groups.push(['address', (known.addresses ?? []).map(literalPattern)])
  groups.push(['email', (known.emails ?? []).map(literalPattern)])
  groups.push(['phone', (known.phones ?? []).map(idPattern)])
  groups.push(['other', (known.ids ?? []).map(idPattern)])
  groups.push(['employer', (known.employers ?? []).map(literalPattern)])
  groups.push(['school', (known.schools ?? []).map(literalPattern)])
  groups.push(['facility', (known.facilities ?? []).map(literalPattern)])
  const out: KnownPattern[] = []
  for (const [type, pats] of groups) {
    const nonEmpty = pats.filter((p) => p.length > 0)
    if (nonEmpty.length === 0) continue
    // Longest first so that "Ines Calloway" wins over "Ines".
    nonEmpty.sort((a, b) => b.length - a.length)
    // The left boundary is checked in code: a lookbehind at every position of a long transcript is slow.
    out.push({ type, re: new RegExp(`(?:${nonEmpty.join('|')})(?![\\p{L}\\p{N}])`, 'gu') })
  }
  compiled.set(known, out)
  return out
}

/** Every occurrence of an identifier the practice already holds (always removed). */
export function findKnown(text: string, known: KnownIdentifiers | undefined): Candidate[] {
  if (!known) return []
  const out: Candidate[] = []
  for (const { re, type } of compile(known)) {
    re.lastIndex = 0
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0].length === 0 || WORD_CHAR.test(text[m.index - 1] ?? ' ')) {
        re.lastIndex = m.index + 1
        continue
      }
      out.push({ start: m.index, end: m.index + m[0].length, type, priority: PRIORITY.known })
    }
  }
  return out
}
