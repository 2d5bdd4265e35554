import type { Candidate } from './deid.schema.js'
import {
  isCommonWord,
  isEnglishWord,
  isKnownName,
  isNonPerson,
  isSpokenProper,
  isStopWord,
  ORG_HEADS,
  RELATIONS,
  STREET_SUFFIXES,
  TITLES,
  wordLevel,
} from './lexicon.js'
import { PRIORITY } from './patterns.js'
import type { Word } from './tokens.js'

const MONTHS = new Set([
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
])
const ABBREVIATED_TITLES = new Set(['dr', 'mr', 'mrs', 'ms', 'mx', 'prof', 'drs'])
const PARTICLES = new Set([
  'van',
  'von',
  'de',
  'da',
  'del',
  'della',
  'di',
  'du',
  'le',
  'la',
  'bin',
  'ibn',
  'al',
  'dos',
  'das',
  'ter',
  'den',
])
const POSSESSIVES = new Set(['my', 'his', 'her', 'our', 'their', 'your', 'whose', 'a', 'the'])
// A sentence-initial word-like name followed by a reporting verb is a person ("Pat said").
const SUBJECT_VERB =
  /^(?: (?:said|says|told|asked|called|texted|wants|wanted|thinks|thought|came|went|got|gets|lives|lived|began|begins|works|worked|loves|loved|hates|hated|left|died|moved|started|and I|and me)\b|:)/
// A name follows: "my name is", "maiden name is", "last name? Baba", "call me", "named".
const NAME_CUE_CASED =
  /\b(?:name is|name's|name was|names? ?[?:]|call me|calls me|called me|named|goes by|went by)[ \t]+$/i
// The last word of every cue above, checked before the cue pattern runs.
const CUE_ENDS = new Set(['is', 'was', 'name', 'names', 'me', 'named', 'by'])
const ACRONYM_LIKE = /^[^aeiouyäöüåéèáíóú]*$/i

/**
 * A rare English word (SCOWL level 50 and up) that speech mostly capitalises, and that is no
 * title, relation or organisation or street word: "Brad", "Ley", "Fletcher", "Crane".
 */
function isSpokenProperName(lower: string, level: number): boolean {
  return (
    level >= MIN_PROPER_LEVEL &&
    isSpokenProper(lower) &&
    !ORG_HEADS.has(lower) &&
    !STREET_SUFFIXES.has(lower) &&
    !RELATIONS.has(lower) &&
    !TITLES.has(lower) &&
    !isNonPerson(lower)
  )
}
const MIN_PROPER_LEVEL = 50

/** Never a name by itself: stop words, titles, months (the date detector owns those). */
function excluded(w: Word): boolean {
  return isStopWord(w.lower) || TITLES.has(w.lower) || MONTHS.has(w.lower)
}

/** A hyphenated word is a name only when a part is: "Okafor-Whitcombe" yes, "Mm-hmm", "I-I", "Wh-what" no. */
function hyphenParts(lower: string): string[] {
  return lower.includes('-') ? lower.split('-').filter(Boolean) : [lower]
}

function isWordish(part: string): boolean {
  return part.length <= 2 || isEnglishWord(part) || isStopWord(part) || TITLES.has(part)
}

/** How a capitalised word looks on its own: a name, possibly a name (a common word too), or not. */
export type NameShape = 'name' | 'wordlike-name' | 'proper' | 'none'

/** Classify a word by lexicons alone (no context). */
const SHORTHAND = /^\p{Lu}{2,}\p{Ll}/u

export function nameShape(w: Word): NameShape {
  if (!w.capitalised || w.core.length < 2 || excluded(w)) return 'none'
  // "FHx", "ETOh": clinical shorthand, not a name ("McDonald" and "BrightPath" have one leading capital).
  if (w.core.length <= 5 && SHORTHAND.test(w.core)) return 'none'
  if (w.allCaps) return allCapsShape(w)
  // Most words hold no hyphen: no array is made for them.
  const parts = w.lower.includes('-') ? hyphenParts(w.lower) : undefined
  if (parts !== undefined && parts.length > 1) {
    if (parts.every(isWordish) || parts.every((p) => p === parts[0])) return 'none'
    // Stammer: "Wh-what", "Ch-Chris".
    if (parts[0]!.length <= 3 && parts[1]!.startsWith(parts[0]!)) return 'none'
    return parts.some((p) => isKnownName(p)) ? 'name' : 'proper'
  }
  const known = isKnownName(w.lower)
  const level = wordLevel(w.lower)
  const word = level !== undefined
  if (known && !word) return 'name'
  if (known && word) return 'wordlike-name'
  if (word && isSpokenProperName(w.lower, level)) return 'wordlike-name'
  if (!word) return w.core.length === 2 && w.initial ? 'none' : 'proper'
  return 'none'
}

function allCapsShape(w: Word): NameShape {
  // Acronyms (FMLA, PTSD, Y-BOCS) rarely hold two vowels; upper-case names and towns do.
  if (w.lower.includes('-')) return 'none'
  if (/[\p{Script=Greek}\p{Script=Cyrillic}]/u.test(w.core)) return w.core.length >= 3 ? 'proper' : 'none'
  if (isKnownName(w.lower) && !isEnglishWord(w.lower) && w.core.length >= 3) return 'name'
  if (w.core.length >= 5 && !isEnglishWord(w.lower) && !ACRONYM_LIKE.test(w.lower)) {
    const vowels = w.lower.match(/[aeiouyäöüåéèáíóú]/g)?.length ?? 0
    return vowels >= 2 ? 'proper' : 'none'
  }
  return 'none'
}

/** Candidates for the words of one text; `index` ranges are word indices. */
interface NameHit {
  from: number
  to: number
}

function isTitle(w: Word | undefined, text: string): boolean {
  if (!w?.capitalised) return false
  if (ABBREVIATED_TITLES.has(w.lower)) return true
  return TITLES.has(w.lower) && text[w.end] !== '.'
}

/** Single capital letter used as a name initial ("K." in "Ms. K.", "P." in "Vanessa P. Hertzog"). */
function isInitial(w: Word | undefined, text: string): boolean {
  return !!w && w.core.length === 1 && w.capitalised && w.core !== 'I' && text[w.end] === '.'
}

/** A capitalised common word right beside `w` ("Amazing Grace"): `w` is then part of a title. */
function titleNeighbour(text: string, w: Word, n: Word | undefined): boolean {
  if (!n?.capitalised || n.core.length <= 1 || n.initial) return false
  if (!/^\s+$/.test(text.slice(Math.min(n.end, w.end), Math.max(n.start, w.start)))) return false
  return nameShape(n) === 'none' && !excluded(n) && isCommonWord(n.lower)
}

function isConjunction(w: Word | undefined): boolean {
  return w !== undefined && (w.lower === 'and' || w.lower === 'or')
}

const LIST_GAP = /^(?:['’]s)?(?:,? and |,? or |, | & )$/

/** Are `a` and `b` neighbours in a list ("Marrero and Murphy", "Hleb, Sheila")? */
function listGap(text: string, a: Word | undefined, b: Word | undefined): boolean {
  return a !== undefined && b !== undefined && LIST_GAP.test(text.slice(a.end, b.start))
}

/**
 * Person names: lexicon names anywhere, unknown capitalised words (not English, not brands,
 * peoples or places above state level), word-like names mid-sentence ("Ivy", "Ray") or after a
 * title or relation ("my daughter Ivy", "Dr. Hale"), and initials after a title ("Ms. K.").
 */
export function findNames(text: string, ws: Word[]): Candidate[] {
  const hits: NameHit[] = []
  const isName: boolean[] = new Array<boolean>(ws.length).fill(false)
  // One memo for sentence-initial words and one for the rest: the shape depends on both.
  const memoInitial = new Map<string, NameShape>()
  const memoInside = new Map<string, NameShape>()
  // Only capitalised words start a name here: the passes below visit just those, not every word.
  const capitals: number[] = []
  for (let i = 0; i < ws.length; i++) if (ws[i]!.capitalised) capitals.push(i)
  const shapes: NameShape[] = new Array<NameShape>(ws.length).fill('none')
  for (const i of capitals) {
    const w = ws[i]!
    const memo = w.initial ? memoInitial : memoInside
    let shape = memo.get(w.core)
    if (shape === undefined) {
      shape = nameShape(w)
      memo.set(w.core, shape)
    }
    shapes[i] = shape
  }
  for (const i of capitals) {
    const w = ws[i]!
    const prev = ws[i - 1]
    const gap = prev ? text.slice(prev.end, w.start) : ''
    const shape = shapes[i]!
    if (isTitle(prev, text) && /^\.?[ \t]+$/.test(gap)) {
      const strongTitle = ABBREVIATED_TITLES.has(prev!.lower)
      if (w.capitalised && !excluded(w) && w.core.length > 1 && (shape !== 'none' || strongTitle)) {
        isName[i] = true
        continue
      }
      if (isInitial(w, text)) {
        isName[i] = true
        continue
      }
    }
    // "my name is Key", "What's your last name? Baba", "everyone calls me Borna".
    if (
      prev !== undefined &&
      CUE_ENDS.has(prev.lower) &&
      w.core.length > 1 &&
      !TITLES.has(w.lower) &&
      !MONTHS.has(w.lower) &&
      !isNonPerson(w.lower) &&
      NAME_CUE_CASED.test(text.slice(Math.max(0, w.start - 24), w.start))
    ) {
      isName[i] = true
      continue
    }
    if (shape === 'name' || shape === 'proper') {
      isName[i] = true
      continue
    }
    if (shape === 'wordlike-name') {
      const next = text.slice(w.end, w.end + 12)
      if (!w.initial || w.possessive || SUBJECT_VERB.test(next)) isName[i] = true
      continue
    }
    // "my daughter Ivy", "his boss, Lorraine": a relation word makes a capitalised word a person.
    if (
      !w.initial &&
      w.core.length > 1 &&
      prev !== undefined &&
      RELATIONS.has(prev.lower) &&
      /^,?[ \t]+$/.test(gap) &&
      (POSSESSIVES.has(ws[i - 2]?.lower ?? '') || POSSESSIVES.has(ws[i - 3]?.lower ?? '')) &&
      !excluded(w) &&
      !isNonPerson(w.lower)
    ) {
      isName[i] = true
    }
  }
  // A word-like name in a run of capitalised common words is a title ("Amazing Grace"), not a person.
  for (let i = 0; i < ws.length; i++) {
    if (!isName[i] || shapes[i] !== 'wordlike-name') continue
    if (titleNeighbour(text, ws[i]!, ws[i - 1]) || titleNeighbour(text, ws[i]!, ws[i + 1])) isName[i] = false
  }
  // Sentence-initial word-like names count when the next word is a name too ("Mark Twain").
  for (let i = 0; i < ws.length - 1; i++) {
    const w = ws[i]!
    if (isName[i] || shapes[i] !== 'wordlike-name') continue
    if (isName[i + 1] && /^ $/.test(text.slice(w.end, ws[i + 1]!.start))) isName[i] = true
  }
  // "Marrero and Murphy", "Hleb, Sheila, Donna, Sherry": a capitalised word listed with a name is one.
  for (let pass = 0; pass < 2; pass++) {
    for (const i of capitals) {
      const w = ws[i]!
      if (isName[i] || w.allCaps || w.core.length < 2) continue
      // The neighbour in the list: straight before/after a comma, or across "and"/"or".
      const li = isConjunction(ws[i - 1]) ? i - 2 : i - 1
      const ri = isConjunction(ws[i + 1]) ? i + 2 : i + 1
      const joinedLeft = li >= 0 && isName[li] === true && listGap(text, ws[li], ws[i])
      const joinedRight = isName[ri] === true && listGap(text, ws[i], ws[ri])
      // The lexicons last: few words stand in a list beside a name.
      if ((joinedLeft || (joinedRight && !w.initial)) && !excluded(w) && !isNonPerson(w.lower))
        isName[i] = true
    }
  }
  // Join neighbours into one span: "Bartholomew Szczepanski", "Vanessa P. Hertzog", "Aaliyah M.".
  for (let i = 0; i < ws.length; i++) {
    if (!isName[i]) continue
    let j = i
    while (j + 1 < ws.length) {
      const gap = text.slice(ws[j]!.end, ws[j + 1]!.start)
      const next = ws[j + 1]!
      if (isName[j + 1] && (gap === ' ' || (gap === '. ' && ws[j]!.core.length === 1))) {
        j++
        continue
      }
      // After "first name + initial", a capitalised word is the surname even when it is an English word ("Brad L Key").
      if (
        j > i &&
        ws[j]!.core.length === 1 &&
        (gap === ' ' || gap === '. ') &&
        next.capitalised &&
        !next.allCaps &&
        next.core.length > 1 &&
        !excluded(next) &&
        !isNonPerson(next.lower)
      ) {
        j++
        continue
      }
      if (
        gap === ' ' &&
        next.core.length === 1 &&
        next.capitalised &&
        next.core !== 'I' &&
        ws[j]!.core.length > 1
      ) {
        const after = text.slice(next.end, next.end + 3)
        if (/^\.?(?:\s+\p{Lu}|\s*$|[,:)>\n])/u.test(after) && !/^\.\s+\p{Lu}[\p{Ll}]/u.test(after)) {
          j++
          continue
        }
      }
      if (
        gap === ' ' &&
        PARTICLES.has(next.core) &&
        isName[j + 2] &&
        text.slice(next.end, ws[j + 2]!.start) === ' '
      ) {
        j += 2
        continue
      }
      break
    }
    hits.push({ from: i, to: j })
    i = j
  }
  return hits.map(({ from, to }) => {
    const last = ws[to]!
    // Keep the period of a final initial: "Ms. K." becomes "Ms. [NAME_1]".
    const end = last.core.length === 1 && text[last.end] === '.' ? last.end + 1 : last.end
    return { start: ws[from]!.start, end, type: 'name' as const, priority: PRIORITY.name }
  })
}

// The opening quote is matched, not looked behind for: a lookbehind would run at every position.
const QUOTED_INITIAL = /["“‘']\p{Lu}\.(?=["”’'])/gu
// The character before is checked in code (a lookbehind would run at every position).
const MULTI_INITIALS = /(?:\p{Lu}\.){2,3}(?![\p{L}])/gu
const LETTER_OR_DOT = /[\p{L}.]/u
const NOT_INITIALS = new Set(
  'U.S. A.M. P.M. D.C. U.K. E.U. B.A. M.D. R.N. L.A. N.Y. P.S. T.V. O.K. B.S. M.A. D.O. A.A. N.A. I.E. E.G. U.N. S.F. N.J. W.C. P.O. A.D. B.C. R.I.P. M.S. J.D. R.V. Q.T. N.B. A.S.A.P. E.R. I.D. G.P.'.split(
    ' ',
  ),
)

/** The code point that ends just before `index` ("" at the start). */
function codePointBefore(text: string, index: number): string {
  const low = text.charCodeAt(index - 1)
  const high = text.charCodeAt(index - 2)
  const pair = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff
  return text.slice(Math.max(0, index - (pair ? 2 : 1)), index)
}

/** Initials used as names: "R.T.", and a lone initial in quotes ("D."), which is how people anonymise in talk. */
export function findInitials(text: string): Candidate[] {
  const out: Candidate[] = []
  MULTI_INITIALS.lastIndex = 0
  for (let m = MULTI_INITIALS.exec(text); m !== null; m = MULTI_INITIALS.exec(text)) {
    // Glued to a letter or a dot: try again from the next character, as the lookbehind would.
    if (LETTER_OR_DOT.test(codePointBefore(text, m.index))) {
      MULTI_INITIALS.lastIndex = m.index + (m[0].codePointAt(0)! > 0xffff ? 2 : 1)
      continue
    }
    if (NOT_INITIALS.has(m[0].toUpperCase())) continue
    out.push({ start: m.index, end: m.index + m[0].length, type: 'name', priority: PRIORITY.name })
  }
  QUOTED_INITIAL.lastIndex = 0
  for (let m = QUOTED_INITIAL.exec(text); m !== null; m = QUOTED_INITIAL.exec(text))
    out.push({ start: m.index + 1, end: m.index + 3, type: 'name', priority: PRIORITY.name })
  return out
}

const NAME_CUE =
  /\b(?:my name is|my name's|name is|call me|calls me|called me|named|goes by|i'm|i am|this is|maiden name is|last name is|first name is)\s+$/

/**
 * Names in text written all in lower case (speech-to-text output, chat), where capitals say
 * nothing: a first name or surname from the lexicon that is no English word, a word after a name
 * cue ("my name is vitoria"), and the non-English words and initials that follow such a name.
 */
export function findLowercaseNames(text: string, ws: Word[]): Candidate[] {
  const out: Candidate[] = []
  const nameLike = (w: Word) =>
    w.core.length > 1 && !isEnglishWord(w.lower) && !isStopWord(w.lower) && !TITLES.has(w.lower)
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!
    const cued = NAME_CUE.test(text.slice(Math.max(0, w.start - 20), w.start)) && nameLike(w)
    // With no capitals to go by, a word no English lexicon knows is read as a capitalised unknown
    // word would be: a name ("lempi", "nijito asano"), unless it is a stop word (brands, drugs, places).
    const unknown =
      w.core.length >= 4 &&
      nameLike(w) &&
      !isNonPerson(w.lower) &&
      !(w.lower.includes('-') && hyphenParts(w.lower).every(isWordish))
    if (!cued && !unknown && !(isKnownName(w.lower) && nameLike(w) && !isNonPerson(w.lower))) continue
    let j = i
    while (j + 1 < ws.length && j - i < 3) {
      const next = ws[j + 1]!
      const gap = text.slice(ws[j]!.end, next.start)
      const initial = next.core.length === 1 && next.lower !== 'a' && next.lower !== 'i'
      if (!/^\.? $/.test(gap) || !(initial || nameLike(next))) break
      j++
    }
    const last = ws[j]!
    const end = last.core.length === 1 && text[last.end] === '.' ? last.end + 1 : last.end
    out.push({ start: w.start, end, type: 'name', priority: PRIORITY.name })
    i = j
  }
  // "leonti, terrence, pamela, donna and brian": words listed with a name are names, unless everyday words.
  const named = new Set(out.map((c) => c.start))
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i]!
      if (named.has(w.start) || w.core.length < 3 || isStopWord(w.lower) || isCommonWord(w.lower)) continue
      const conj = (k: number) => ws[k]?.lower === 'and' || ws[k]?.lower === 'or'
      const left = ws[conj(i - 1) ? i - 2 : i - 1]
      const right = ws[conj(i + 1) ? i + 2 : i + 1]
      const listed = (a: Word | undefined, b: Word | undefined) =>
        a !== undefined && b !== undefined && /^(?:,? and |,? or |, )$/.test(text.slice(a.end, b.start))
      if (
        (left && named.has(left.start) && listed(left, w)) ||
        (right && named.has(right.start) && listed(w, right))
      ) {
        named.add(w.start)
        out.push({ start: w.start, end: w.end, type: 'name', priority: PRIORITY.name })
      }
    }
  }
  return out
}
