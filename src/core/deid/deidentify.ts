import { findDates } from './dates.js'
import type { Candidate, DeidOptions, DeidResult, PhiSpan, PhiType } from './deid.schema.js'
import { findKnown } from './known.js'
import { isEnglishWord } from './lexicon.js'
import { findInitials, findLowercaseNames, findNames } from './names.js'
import {
  findAges,
  findCards,
  findCuedIds,
  findDigitRuns,
  findEmails,
  findIbans,
  findIps,
  findMixedIds,
  findSpokenNumbers,
  findSsns,
  findUrls,
  PRIORITY,
} from './patterns.js'
import { applyPlaceholders, PLACEHOLDER_LIKE } from './placeholders.js'
import {
  findAddressBlockLines,
  findNumberedStreets,
  findPlacesAndOrgs,
  findRoutesAndUnits,
  findStreets,
} from './places.js'
import { words } from './tokens.js'

// Transcript scaffolding that looks like identifiers: cue timestamps and Teams cue ids (UUIDs).
const TIMESTAMP = /\b\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?\b/g
// Found from the first dash so the scan does not start at every hex letter.
const UUID_TAIL = /-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?:\/\d+-\d+)?/gi

function structureRanges(text: string): Candidate[] {
  const out = ranges(TIMESTAMP, text)
  for (const r of ranges(UUID_TAIL, text)) {
    if (/^[0-9a-f]{8}$/i.test(text.slice(r.start - 8, r.start))) out.push({ ...r, start: r.start - 8 })
  }
  return out.sort((a, b) => a.start - b.start)
}

function ranges(re: RegExp, text: string): Candidate[] {
  const out: Candidate[] = []
  re.lastIndex = 0
  for (let m = re.exec(text); m !== null; m = re.exec(text))
    out.push({ start: m.index, end: m.index + m[0].length, type: 'other', priority: 0 })
  return out
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end
}

/** Does any of `sorted` (ranges by start, not overlapping each other) overlap `c`? Binary search. */
function overlapsAny(sorted: readonly Candidate[], c: { start: number; end: number }): boolean {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (sorted[mid]!.end <= c.start) lo = mid + 1
    else hi = mid
  }
  return lo < sorted.length && sorted[lo]!.start < c.end
}

const HAS_CAPITALS = /\p{Lu}/u
const HAS_DIGIT = /\d/
const PLACEHOLDER_SCAN = new RegExp(PLACEHOLDER_LIKE.source, 'g')

/** Text that already looks like a placeholder is treated as an identifier, so the round trip stays exact. */
function findPlaceholderLike(text: string): Candidate[] {
  return ranges(PLACEHOLDER_SCAN, text).map((c) => ({
    ...c,
    priority: PRIORITY.known + 1,
  }))
}

/**
 * Settle overlapping proposals: the higher priority (then the longer) wins its type, and a
 * partly overlapping loser widens the winner so nothing it covered is left in the clear.
 */
export function resolveCandidates(
  cands: Candidate[],
  keep: Candidate[],
  structure: Candidate[],
): Candidate[] {
  const keepSorted = [...keep].sort((a, b) => a.start - b.start)
  const usable = cands.filter((c) => {
    if (c.end <= c.start) return false
    if (c.priority < PRIORITY.date && overlapsAny(structure, c)) return false
    if (c.priority < PRIORITY.pattern && keepSorted.some((k) => overlaps(k, c))) return false
    return true
  })
  usable.sort((a, b) => b.priority - a.priority || b.end - b.start - (a.end - a.start) || a.start - b.start)
  // Accepted spans kept sorted by start, so each lookup is a binary search plus a short scan.
  const accepted: Candidate[] = []
  let longest = 0
  for (const c of usable) {
    let lo = 0
    let hi = accepted.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (accepted[mid]!.start < c.start) lo = mid + 1
      else hi = mid
    }
    let hit: Candidate | undefined
    for (let k = lo - 1; k >= 0 && accepted[k]!.start + longest > c.start && !hit; k--)
      if (overlaps(accepted[k]!, c)) hit = accepted[k]
    for (let k = lo; k < accepted.length && accepted[k]!.start < c.end && !hit; k++)
      if (overlaps(accepted[k]!, c)) hit = accepted[k]
    if (!hit) {
      accepted.splice(lo, 0, { ...c })
      longest = Math.max(longest, c.end - c.start)
      continue
    }
    // Widening keeps the order by start only when the start does not move; re-sort at the end.
    hit.start = Math.min(hit.start, c.start)
    hit.end = Math.max(hit.end, c.end)
    longest = Math.max(longest, hit.end - hit.start)
  }
  accepted.sort((a, b) => a.start - b.start)
  const merged: Candidate[] = []
  for (const c of accepted) {
    const last = merged.at(-1)
    if (last && c.start < last.end) {
      last.end = Math.max(last.end, c.end)
      if (c.priority > last.priority) {
        last.type = c.type
        last.priority = c.priority
      }
    } else merged.push(c)
  }
  return merged
}

const PROPAGATED: ReadonlySet<PhiType> = new Set(['name', 'address', 'employer', 'school', 'facility'])

/**
 * Every other occurrence of a surface already found as a name or place ("Pat" found after "my
 * nurse" is also "Pat" at the start of a sentence). Word-like surfaces propagate only with their
 * capital letter, because the match is case-sensitive.
 */
function propagate(text: string, found: Candidate[]): Candidate[] {
  const surfaces = new Map<string, PhiType>()
  // In text without capitals (speech-to-text), lower-case surfaces spread too.
  const lowerOk = !HAS_CAPITALS.test(text)
  for (const c of found) {
    if (!PROPAGATED.has(c.type)) continue
    const s = text.slice(c.start, c.end)
    if (!TWO_LETTERS.test(s) || (!lowerOk && /^\p{Ll}/u.test(s))) continue
    if (!surfaces.has(s)) surfaces.set(s, c.type)
    // The surname of a full name stands alone later ("Brad L Key ... starring Key", "Mr. Borkowski").
    if (c.type === 'name') {
      const last = SURNAME.exec(s)?.[1]
      if (last && !surfaces.has(last)) surfaces.set(last, 'name')
    }
  }
  const out: Candidate[] = []
  for (const [s, type] of surfaces) {
    // A short common word found once by context spreads nowhere: too many false friends.
    if (!/\s/.test(s) && s.length < 3 && isEnglishWord(s.toLowerCase())) continue
    for (let from = text.indexOf(s); from !== -1; from = text.indexOf(s, from + s.length)) {
      const end = from + s.length
      if (!WORD_CHAR.test(text[from - 1] ?? ' ') && !WORD_CHAR.test(text[end] ?? ' '))
        out.push({ start: from, end, type, priority: PRIORITY.name - 1 })
    }
  }
  return out
}

const WORD_CHAR = /[\p{L}\p{N}]/u
const TWO_LETTERS = /\p{L}.*\p{L}/su
// The last word of a name of two or more words, when it is capitalised and at least three letters.
const SURNAME = /^\p{Lu}[\p{L}'’.-]*(?:[ \t]+[\p{L}'’.-]+)*[ \t]+(\p{Lu}\p{Ll}[\p{L}'’-]+)$/u

/** Is `c` inside one of `sorted` (resolved spans, by start, not overlapping)? */
function covered(sorted: readonly Candidate[], c: { start: number; end: number }): boolean {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (sorted[mid]!.end <= c.start) lo = mid + 1
    else hi = mid
  }
  const s = sorted[lo]
  return s !== undefined && s.start <= c.start && c.end <= s.end
}

/** All identifiers in a text, as non-overlapping spans in text order (offsets into `text`). */
export function detectPhi(text: string, options: DeidOptions = {}): PhiSpan[] {
  const structure = structureRanges(text)
  const ws = words(text)
  const { found: placesAndOrgs, keep } = findPlacesAndOrgs(text, ws)
  // Detectors whose every match holds a digit run only on texts with digits.
  const digits = HAS_DIGIT.test(text)
  const candidates: Candidate[] = []
  const add = (found: readonly Candidate[]) => {
    for (const c of found) candidates.push(c)
  }
  add(findPlaceholderLike(text))
  add(findKnown(text, options.known))
  if (text.includes('@')) add(findEmails(text))
  add(findUrls(text))
  add(findIps(text))
  if (digits) {
    add(findSsns(text))
    add(findCards(text))
    add(findIbans(text))
    add(findDigitRuns(text))
    add(findMixedIds(text))
    add(findNumberedStreets(text))
    // Every cued identifier holds two digits or more.
    add(findCuedIds(text))
  }
  add(findSpokenNumbers(text, ws))
  add(findAges(text))
  add(findDates(text))
  add(findStreets(text))
  add(findRoutesAndUnits(text))
  add(placesAndOrgs)
  add(findNames(text, ws))
  if (!HAS_CAPITALS.test(text)) add(findLowercaseNames(text, ws))
  add(findInitials(text))
  const resolved = resolveCandidates(candidates, keep, structure)
  const blockLines = findAddressBlockLines(text, resolved)
  const first =
    blockLines.length === 0 ? resolved : resolveCandidates([...resolved, ...blockLines], keep, structure)
  // Propagation finds every span it starts from again; only the other occurrences need resolving.
  const spread = propagate(text, first).filter((c) => !covered(first, c))
  const all = spread.length === 0 ? first : resolveCandidates([...first, ...spread], keep, structure)
  return all.map((c) => ({ start: c.start, end: c.end, type: c.type, text: text.slice(c.start, c.end) }))
}

/**
 * De-identify a text: every identifier becomes a placeholder (`[NAME_1]`, `[DATE_2]`), the same
 * surface getting the same placeholder throughout; `spans` point into the original text and `map`
 * lets `reidentify` restore a model's answer.
 */
export function deidentify(text: string, options: DeidOptions = {}): DeidResult {
  const spans = detectPhi(text, options)
  const { text: out, map } = applyPlaceholders(text, spans)
  return { text: out, spans, map }
}
