import { escapeRegExp } from '../text/index.js'
import type { Candidate, PhiType } from './deid.schema.js'
import {
  GENERIC_QUALIFIERS,
  INSURER_HEADS,
  isCommonWord,
  isEnglishWord,
  isKnownName,
  isNonPerson,
  isRegionName,
  isSpokenProper,
  isStopWord,
  MULTIWORD_REGIONS,
  ORG_HEADS,
  STREET_SUFFIXES,
  TITLES,
} from './lexicon.js'
import { PRIORITY } from './patterns.js'
import type { Word } from './tokens.js'

/** Every match of a global pattern (an array: cheaper than a generator on the hot path). */
function matches(re: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = []
  re.lastIndex = 0
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out.push(m)
    if (m[0].length === 0) re.lastIndex++
  }
  return out
}

function place(start: number, end: number, type: PhiType = 'address', priority = PRIORITY.place): Candidate {
  return { start, end, type, priority }
}

const LEADING_FUNCTION_WORDS = new Set(
  'the a an on up down in at to from by near off over and or but so then i we you he she they it my our his her their this that is was past along across into onto behind'.split(
    ' ',
  ),
)
const SUFFIX_ALT = [...STREET_SUFFIXES].map((s) => s[0]!.toUpperCase() + s.slice(1)).join('|')
// Street-type words are rare, so find them first and read the street name backwards from there.
const SUFFIX_HIT = new RegExp(`\\b(?:${SUFFIX_ALT})\\b\\.?`, 'g')
const STREET_HEAD =
  /(?<![\p{L}\d])((?:\d{1,6}[A-Za-z]?[ \t]+){1,2})?((?:[NSEW]\.?|North|South|East|West)\s+)?((?:[\p{Lu}](?:[\p{L}'’-]*|\.)[ \t]+){1,4})$/u
const UNIT =
  /^,?\s*(?:(?:Apartment|Apt\.?|Unit|Suite|Ste\.?|Floor|Fl\.?|Room|Rm\.?|#)\s*#?\s*[\dA-Z]{1,5}\b)/i
const CITY_STATE_ZIP =
  /^,?[ \t]*(?:[\p{Lu}][\p{L}'’-]+(?:[ \t]+[\p{Lu}][\p{L}'’-]+){0,2})?(?:,?[ \t]*[A-Z]{2}\b)?(?:,?[ \t]*\d{5}(?:-\d{4})?\b)?/u

/** Street names with a street-type word ("Quarry Road", "2218 Wickersham Lane, Apartment 4B, Dunmore Heights, 58921"). */
export function findStreets(text: string): Candidate[] {
  const out: Candidate[] = []
  for (const hit of matches(SUFFIX_HIT, text)) {
    const from = Math.max(0, hit.index - 80)
    const head = STREET_HEAD.exec(text.slice(from, hit.index))
    if (!head) continue
    const whole = head[0] + hit[0]
    const m = Object.assign([whole, head[1], head[2], head[3], hit[0].replace(/\.$/, '')], {
      index: from + head.index,
    })
    const suffix = m[4]!
    if (suffix[0] !== suffix[0]!.toUpperCase()) continue
    const hasNumber = m[1] !== undefined
    // "Dr." and "St." before a name are titles ("Dr. Smith", "St. Mary's"), not street types, without a number.
    if (!hasNumber && /^(dr|st)$/i.test(suffix)) continue
    let start = m.index
    const nameWords = m[3]!.trim().split(/\s+/)
    if (!hasNumber) {
      // Drop sentence words the run swallowed ("On Quarry Road" keeps "Quarry Road").
      let k = 0
      while (
        k < nameWords.length &&
        (LEADING_FUNCTION_WORDS.has(nameWords[k]!.toLowerCase()) || isStopWord(nameWords[k]!.toLowerCase()))
      )
        k++
      if (k === nameWords.length) continue
      if (m[2] === undefined) start = m.index + whole.indexOf(nameWords[k]!, (m[1] ?? '').length)
    }
    let end = m.index + whole.length
    const unit = UNIT.exec(text.slice(end))
    if (unit) end += unit[0].length
    if (hasNumber || unit) {
      const tail = CITY_STATE_ZIP.exec(text.slice(end))
      if (tail && tail[0].trim().length > 1) end += tail[0].replace(/[,\s]+$/, '').length
    }
    out.push(place(start, end))
  }
  return out
}

const ROUTE =
  /\b(?:Route|Rte\.?|Highway|Hwy\.?|Interstate|County Road|State Road|State Route|Farm Road|SR|US|I)[- ]?\d{1,4}[A-Z]?\b/g
const PO_BOX =
  /\b(?:Unit|PSC|CMR)\s+\d{1,6},?\s+Box\s+\d{1,6}(?:\s+[ADF]PO\s+A[AEP]\s+\d{5})?|\b[ADF]PO\s+A[AEP]\s+\d{5}|\b(?:P\.?\s?O\.?\s?Box|Post(?:al)? Office Box|Postbox|PSC|APO|FPO)\s*(?:AA|AE|AP)?\s*#?\s*\d{1,6}(?:,?\s*Box\s*\d{1,6})?|\b(?:Apartment|Apt\.?|Suite|Ste\.?)\s*#?\s*\d{1,5}[A-Z]?\b/gi
// Continental street prefixes: "ul. Chrzanowska 61", "rue des Tuileries 12", "Via Franscini 71".
const STREET_PREFIXED =
  /\b(?:ul\.|Ul\.|ulica|rue|Rue|via|Via|Viale|Calle|Avenida|Av\.|Rua|Rúa|rúa|Praça|Piazza|Strada|Corso|Chemin|Allée|Quai|Camino|Paseo|Carrer|Largo|Travessa|Plac|Aleja|Avenue des|Avenue de|Boulevard de|Boulevard du)[ \t]+(?:[\p{L}'’.-]+[ \t]+){0,4}?\d{1,5}[A-Za-z]?(?![\p{L}\d])/gu
// House numbers first, then a continental street word and its name: "846 31 Rue Al Imam Al Bakri".
const NUMBERS_THEN_PREFIX =
  /(?<![\p{L}\d])(?:\d{1,6}[ \t]+){1,2}(?:ul\.|rue|Rue|via|Via|Calle|Avenida|Rua|Rúa|rúa|Piazza|Strada|Corso|Chemin|Camino|Paseo|Carrer|Largo|Travessa|Plac|Aleja)(?:[ \t]+[\p{L}'’.-]+){1,5}/gu
const STREET_SUFFIXED =
  /\p{Lu}[\p{L}'’-]+(?:[ \t]+\p{Lu}[\p{L}'’-]+){0,2}[ \t]+(?:u\.|út|utca|tér|körút|str\.)[ \t]+\d{1,5}\.?/gu
const HOUSE_NUMBERS_BEFORE = /(?:\d{1,6}[ \t]+){1,2}$/
// A postcode after a region: "Hungary 06554", "Denmark 35018", "Springfield, IL 62704".
const POSTCODE = /[ \t](\d{3,6}(?:[ -]\d{2,4})?|[A-Z]\d[A-Z] ?\d[A-Z]\d)(?![\p{L}\d])/gu
const REGION_BEFORE = /\b([A-Z][a-z]+(?: [A-Z][a-z]+)?|[A-Z]{2})[ \t]*$/

/** Extend a match back over the house numbers written before it ("770 26 rue des ..."). */
function withHouseNumbers(text: string, start: number): number {
  const before = HOUSE_NUMBERS_BEFORE.exec(text.slice(Math.max(0, start - 16), start))
  return before ? start - before[0].length : start
}
const ZIP_CUE =
  /\b(?:zip(?:\s*code)?|postal code|postcode)\s*(?:is|:)?\s*([A-Z0-9]{3,5}(?:[ -][A-Z0-9]{3,4})?)\b/gi

/** Routes and highways ("Route 6"), P.O. boxes, apartment and suite numbers, and cued zip codes. */
export function findRoutesAndUnits(text: string): Candidate[] {
  const out: Candidate[] = []
  // Every pattern here but the zip cue needs a digit; the cue needs its word.
  if (!/\d/.test(text)) return ZIP_WORD.test(text) ? zipCues(text, out) : out
  for (const m of matches(ROUTE, text)) {
    if (m[0].startsWith('I') && !m[0].startsWith('I-') && !m[0].startsWith('Interstate')) continue
    out.push(place(m.index, m.index + m[0].length))
  }
  for (const m of matches(PO_BOX, text))
    out.push(place(withHouseNumbers(text, m.index), m.index + m[0].length))
  for (const m of matches(NUMBERS_THEN_PREFIX, text)) out.push(place(m.index, m.index + m[0].length))
  for (const m of matches(STREET_PREFIXED, text))
    out.push(place(withHouseNumbers(text, m.index), m.index + m[0].length))
  if (/ (?:u\.|út|utca|tér|körút|str\.) /.test(text))
    for (const m of matches(STREET_SUFFIXED, text))
      out.push(place(withHouseNumbers(text, m.index), m.index + m[0].length))
  for (const m of matches(POSTCODE, text)) {
    const region = REGION_BEFORE.exec(text.slice(Math.max(0, m.index - 24), m.index + 1))
    if (!region) continue
    const word = region[1]!
    const last = word.split(' ').at(-1)!
    const isRegion =
      isRegionName(last.toLowerCase()) || isRegionName(word.toLowerCase()) || /^[A-Z]{2}$/.test(last)
    if (!isRegion || /^(19|20)\d\d$/.test(m[1]!)) continue
    const start = m.index + m[0].length - m[1]!.length
    out.push(place(start, m.index + m[0].length))
  }
  return ZIP_WORD.test(text) ? zipCues(text, out) : out
}

const ZIP_WORD = /zip|post/i

function zipCues(text: string, out: Candidate[]): Candidate[] {
  for (const m of matches(ZIP_CUE, text)) {
    const start = m.index + m[0].length - m[1]!.length
    out.push(place(start, m.index + m[0].length))
  }
  return out
}

const PLACE_PREPS = new Set(
  'in at from to near on off onto into up down along past across toward towards outside around through by behind'.split(
    ' ',
  ),
)
const WORK_CUE =
  /\b(?:work(?:s|ed|ing)?|job|employed|shift|hired|fired|manager|boss)\s+(?:at|for|by|with)\s+(?:the\s+)?$/i
const SCHOOL_CUE =
  /\b(?:school|attends|goes to|enrolled (?:at|in)|graduated from|student at|class at)\s*,?\s*$/i

function capitalisedRun(ws: Word[], from: number, text: string, limit = 4): number {
  let j = from
  while (
    j + 1 < ws.length &&
    j + 1 - from < limit &&
    ws[j + 1]!.capitalised &&
    text.slice(ws[j]!.end, ws[j + 1]!.start) === ' ' &&
    !isStopWord(ws[j + 1]!.lower)
  )
    j++
  return j
}

/**
 * Places and organisations told by their context: a capitalised run ending in an organisation head
 * ("Lantern Hospice", "Westbrook Academy": the distinctive words only, the generic head stays), a
 * capitalised common word after a place preposition ("down Birch", "at Bright Basin"), and the
 * employer after "work at". Also returns ranges that must NOT be scrubbed: insurer names and
 * multi-word regions above state level.
 */
export function findPlacesAndOrgs(text: string, ws: Word[]): { found: Candidate[]; keep: Candidate[] } {
  const found: Candidate[] = []
  const keep: Candidate[] = []
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!
    if (!w.capitalised) continue
    const head = ORG_HEADS.get(w.lower)
    const insurer = INSURER_HEADS.has(w.lower)
    if ((head || insurer) && i > 0) {
      // Walk back over the capitalised words that name the organisation.
      let k = i
      while (
        k - 1 >= 0 &&
        ws[k - 1]!.capitalised &&
        /^ $/.test(text.slice(ws[k - 1]!.end, ws[k]!.start)) &&
        !isStopWord(ws[k - 1]!.lower) &&
        !TITLES.has(ws[k - 1]!.lower) &&
        i - k < 4
      )
        k--
      while (k < i && LEADING_FUNCTION_WORDS.has(ws[k]!.lower)) k++
      const qualifiers = ws.slice(k, i)
      // Strip trailing org heads from the distinctive part ("Marlowe Creek Counseling Collective").
      let last = qualifiers.length - 1
      while (
        last >= 0 &&
        (ORG_HEADS.has(qualifiers[last]!.lower) || INSURER_HEADS.has(qualifiers[last]!.lower))
      )
        last--
      const distinctive = qualifiers.slice(0, last + 1)
      if (distinctive.length > 0 && !distinctive.every((q) => GENERIC_QUALIFIERS.has(q.lower))) {
        const start = distinctive[0]!.start
        const end = distinctive.at(-1)!.end
        if (insurer) keep.push(place(start, w.end, 'other', 0))
        else found.push(place(start, end, head === 'other' ? 'other' : head!))
      }
      continue
    }
    const prev = ws[i - 1]
    if (w.initial || !prev || !PLACE_PREPS.has(prev.lower) || text.slice(prev.end, w.start) !== ' ') continue
    // In Title Case or SHOUTED text a capital says nothing ("Supposed To Hate", "FROM Users").
    if ((prev.capitalised && !prev.initial) || (w.allCaps && w.core.length <= 5)) continue
    if (isStopWord(w.lower) || isNonPerson(w.lower) || TITLES.has(w.lower) || w.core.length < 3) continue
    const j = capitalisedRun(ws, i, text)
    const run = ws.slice(i, j + 1)
    // "from Lantern Hospice": the organisation rule owns runs that end in an organisation head.
    if (run.some((r) => ORG_HEADS.has(r.lower) || INSURER_HEADS.has(r.lower))) continue
    if (run.some((r) => MONTHS_AND_DAYS.test(r.core))) continue
    const ctx = text.slice(Math.max(0, prev.start - 30), prev.end + 1)
    let type: PhiType = 'address'
    if (WORK_CUE.test(ctx)) type = 'employer'
    else if (SCHOOL_CUE.test(text.slice(Math.max(0, prev.start - 30), prev.start))) type = 'school'
    // "by Brad L Key", "with Marta": a run led by a first name is a person; the name detector owns it.
    else if (
      (isKnownName(w.lower) || isSpokenProper(w.lower)) &&
      (!isEnglishWord(w.lower) || run.some((r) => r.core.length === 1))
    )
      continue
    found.push(place(w.start, ws[j]!.end, type))
  }
  // One scan for all regions instead of a search of the whole text per region; it stops only where
  // one starts, and goes on from the next character so that overlapping regions are found too.
  REGION_START.lastIndex = 0
  for (let m = REGION_START.exec(text); m !== null; m = REGION_START.exec(text)) {
    const at = m.index
    for (const region of MULTIWORD_REGIONS)
      if (text.startsWith(region, at)) keep.push(place(at, at + region.length, 'other', 0))
    REGION_START.lastIndex = at + 1
  }
  return { found, keep }
}

const REGION_START = new RegExp(MULTIWORD_REGIONS.map(escapeRegExp).join('|'), 'g')

const MONTHS_AND_DAYS =
  /^(January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/

// House numbers after a word are found first; the street word is then read backwards.
// The scan starts at the blank (a cheap first character); the word character before it is checked in code.
const NUMBER_AFTER_WORD = /[ \t]+(\d{1,5}[A-Za-z]?)(?![\d:.,%]\d|[\p{L}\d%])/gu
const WORD_END = /[\p{L}.'’]/u
// Words of a sentence, which never sit inside a street name ("Brian is a 58").
const SENTENCE_WORDS = new Set(
  'is are was were be a an the to of for with about like and or but at in on by from he she it they we you i my his her their'.split(
    ' ',
  ),
)
const WORD_PART = /[\p{L}'’.-]/u
const LETTER = /\p{L}/u

/** ASCII letters answered without a Unicode pattern; the pattern only for the rest. */
function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90)
}
function isWordPart(text: string, i: number): boolean {
  const c = text.charCodeAt(i)
  if (isAsciiLetter(c) || c === 46 || c === 45 || c === 39) return true
  return c >= 128 && WORD_PART.test(text[i]!)
}
function isLetter(text: string, i: number): boolean {
  const c = text.charCodeAt(i)
  return isAsciiLetter(c) || (c >= 128 && LETTER.test(text[i]!))
}

/** Up to `max` words (letters, apostrophes, dots, dashes) separated by blanks, straight before `end`. */
function wordsBefore(text: string, end: number, max: number): { index: number; 0: string }[] {
  const out: { index: number; 0: string }[] = []
  let i = end
  while (out.length < max) {
    let j = i
    while (j > 0 && (text[j - 1] === ' ' || text[j - 1] === '\t')) j--
    if (j === i || j === 0) break
    let k = j
    while (k > 0 && isWordPart(text, k - 1)) k--
    while (k < j && !isLetter(text, k)) k++
    if (k === j || (k > 0 && !/[ \t]/.test(text[k - 1]!))) break
    out.unshift({ index: k, 0: text.slice(k, j) })
    i = k
  }
  return out
}

/**
 * Street addresses written the continental way, a street word and then a house number
 * ("Harjukuja 54", "Via dei Fiorentini 17"): the street must not be an English word, so "Week 3"
 * and "Chapter 5" stay.
 */
export function findNumberedStreets(text: string): Candidate[] {
  const out: Candidate[] = []
  // In all-lower-case text a street word cannot show its capital.
  const caseless = !/\p{Lu}/u.test(text)
  for (const m of matches(NUMBER_AFTER_WORD, text)) {
    if (m.index === 0 || !WORD_END.test(text[m.index - 1]!)) continue
    const numberStart = m.index + m[0].length - m[1]!.length
    const names = wordsBefore(text, numberStart, 4)
    if (names.length === 0) continue
    // The longest run that starts with a capitalised word that is no English word, and goes on
    // without everyday words ("Via dei Fiorentini 17" yes, "Brian is a 58" no).
    const firstAt = names.findIndex((w, at) => {
      const raw = w[0]
      if (!caseless && !/^\p{Lu}/u.test(raw)) return false
      const lower = raw.toLowerCase().replace(/(?:['’]\p{L}*)?[.]*$/u, '')
      return (
        !/^\p{Lu}{2,4}$/u.test(raw) &&
        !isEnglishWord(lower) &&
        !isStopWord(lower) &&
        !TITLES.has(lower) &&
        !(caseless && isKnownName(lower)) &&
        !MONTHS_AND_DAYS.test(raw) &&
        names.slice(at + 1).every((n) => !SENTENCE_WORDS.has(n[0].toLowerCase()))
      )
    })
    const first = names[firstAt]
    if (!first) continue
    const start = withHouseNumbers(text, first.index)
    out.push(place(start, m.index + m[0].length))
  }
  return out
}

const LINE = /[^\n]*/g
const POSTCODE_LINE = /^[\s>?*-]*(\d{3,6}(?:[ -]\d{2,4})?|[A-Z]\d[A-Z] ?\d[A-Z]\d)[\s,]*$/
const TOWN_LINE = /^[\s>?*-]*(\p{Lu}[\p{L}'’.-]*(?:[ -]\p{L}[\p{L}'’.-]*){0,3})[\s,]*$/u
// "ASKER 1386", "Lyon 69003": a town and its postcode on one line.
const TOWN_POSTCODE_LINE =
  /^[\s>?*-]*(\p{Lu}[\p{L}'’.-]*(?:[ -]\p{L}[\p{L}'’.-]*){0,3}[ \t,]+(?:\d{3,6}(?:[ -]\d{2,4})?|[A-Z]\d[A-Z] ?\d[A-Z]\d))[\s,]*$/u
// The addressee line above the street: two to four capitalised words and nothing else ("Fletcher Hill").
const ADDRESSEE_LINE = /^[\s>?*-]*(\p{Lu}[\p{Ll}'’-]+(?:[ \t]+(?:\p{Lu}\.?|\p{Lu}[\p{Ll}'’-]+)){1,3})[\s,]*$/u
// The closing line of a block: a country or state, optionally with a postcode ("Belgium 42940").
const REGION_LINE = /^[\s>?*-]*(\p{L}[\p{L} .()'’-]*?)[ \t,]*(?:\d{3,6}(?:[ -]\d{2,4})?)?[\s,]*$/u

const UNIT_IN_LINE = /\b(?:Apartment|Apt\.?|Suite|Ste\.?)[ \t]*#?[ \t]*\d{1,5}[A-Z]?\b/

function isRegionLine(line: string | undefined): boolean {
  const m = line === undefined ? null : REGION_LINE.exec(line)
  if (!m) return false
  const region = m[1]!.trim().toLowerCase().replace(/^the /, '')
  return isRegionName(region)
}

function everyday(w: string): boolean {
  return isStopWord(w) || isRegionName(w) || isCommonWord(w.replace(/\.$/, ''))
}

/**
 * The lines of a written address block around a street or unit line. After it (up to three lines):
 * a town alone on its line ("OULU", "Pines Beach"), a postcode alone ("53-320"), a town with its
 * postcode ("ASKER 1386"). Everyday words ("Pines Beach") count as a town only where the block's
 * shape says so: on the line before the country or state line, or written in capitals as postal
 * towns are. Before it (up to three lines): the addressee, two to four capitalised words alone on
 * a line. Only near a line that already holds an address, so talk is never read this way.
 */
export function findAddressBlockLines(text: string, found: readonly Candidate[]): Candidate[] {
  const out: Candidate[] = []
  if (!text.includes('\n')) return out
  const addresses = found.filter((c) => c.type === 'address').sort((a, b) => a.start - b.start)
  const units = UNIT_IN_LINE.test(text)
  if (addresses.length === 0 && !units) return out
  const lines: { start: number; text: string; address: boolean }[] = []
  // Lines and addresses both come in text order: one sweep pairs them.
  let next = 0
  LINE.lastIndex = 0
  for (let m = LINE.exec(text); m !== null; m = LINE.exec(text)) {
    if (m[0].length === 0) {
      LINE.lastIndex++
      continue
    }
    const start = m.index
    const end = start + m[0].length
    while (next < addresses.length && addresses[next]!.end <= start) next++
    // A unit line counts even when a longer identifier took it over ("Suite 541 6343" read as a phone).
    const address =
      (next < addresses.length && addresses[next]!.start < end) || (units && UNIT_IN_LINE.test(m[0]))
    lines.push({ start, text: m[0], address })
  }
  const push = (line: { start: number; text: string }, hit: string, type: PhiType = 'address') => {
    const at = line.start + line.text.indexOf(hit)
    out.push(place(at, at + hit.length, type, type === 'name' ? PRIORITY.name : PRIORITY.place))
  }
  let linesSinceAddress = Number.POSITIVE_INFINITY
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (line.address) {
      linesSinceAddress = 0
      continue
    }
    linesSinceAddress++
    if (linesSinceAddress > 3) {
      const nextAddress = lines[i + 1]?.address || lines[i + 2]?.address || lines[i + 3]?.address
      const addressee = nextAddress ? ADDRESSEE_LINE.exec(line.text)?.[1] : undefined
      const parts = addressee?.toLowerCase().split(/\s+/) ?? []
      if (addressee && !parts.some((w) => isStopWord(w) || ORG_HEADS.has(w) || INSURER_HEADS.has(w)))
        push(line, addressee, 'name')
      continue
    }
    // A number alone on a line before a "-->" line is a subtitle cue number.
    if (/^\r?\n[^\n]*-->/.test(text.slice(line.start + line.text.length, line.start + line.text.length + 40)))
      continue
    const postcode = POSTCODE_LINE.exec(line.text)?.[1]
    if (postcode) {
      push(line, postcode)
      continue
    }
    const alone = TOWN_LINE.exec(line.text)?.[1]
    const withPostcode = alone ? undefined : TOWN_POSTCODE_LINE.exec(line.text)?.[1]
    const town = alone ?? withPostcode
    if (!town) continue
    const name = withPostcode ? withPostcode.replace(/[ \t,]+[\dA-Z][\dA-Z -]*$/, '') : town
    if (isRegionName(name.toLowerCase())) continue
    const head = name.split(/[ -]/)[0]!
    const shaped =
      withPostcode !== undefined ||
      isRegionLine(lines[i + 1]?.text) ||
      (head.length >= 3 && head === head.toUpperCase())
    if (!shaped && name.toLowerCase().split(/[ -]+/).every(everyday)) continue
    push(line, town)
  }
  return out
}
