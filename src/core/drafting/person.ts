import { isCommonWord } from '../text/index.js'

/**
 * Rewrites what a speaker said about themselves into the third person of a clinical note:
 * "I wake up at three" → "Client wakes up at three". The first self-reference becomes the
 * speaker's name in the note ("Client", "Mother"); later ones become singular "they", so no
 * gender is ever assumed. Second-person words in a clinician's sentence ("you", "your") become the
 * client.
 */

const MODALS = new Set(['can', 'could', 'will', 'would', 'shall', 'should', 'may', 'might', 'must', 'ought'])

const IRREGULAR_PRESENT: Record<string, string> = {
  have: 'has',
  do: 'does',
  go: 'goes',
  be: 'is',
  say: 'says',
}

const IRREGULAR_PAST = new Set(
  `was were had did went got felt thought said told made took came saw knew found gave kept left let put ran sat
  slept woke wrote bought brought caught taught fought lost meant met paid sent spent stood understood heard held
  built broke chose drove ate fell forgot began drank hid hit hurt quit read rode rang rose sang sank shook spoke
  stole swam threw tore wore won cut set shut lit led fed bent lent sold dealt dug hung swung struck stuck
  forgave grew knew blew drew flew shot bit became overdid`
    .split(/\s+/)
    .filter(Boolean),
)

/** A modal or an irregular past tense ("could", "went"): a verb, so the words around it make a clause. */
export function isModalOrIrregularPast(word: string): boolean {
  const lower = word.toLowerCase()
  return MODALS.has(lower) || IRREGULAR_PAST.has(lower)
}

// Adverbs that sit between a subject and its verb ("I just couldn't", "I still wake").
const INTERVENING = new Set(
  'just really still never always also usually often sometimes only even kind sort actually finally already ever mostly barely hardly literally probably definitely totally seriously basically genuinely honestly generally rarely constantly'.split(
    ' ',
  ),
)

/** Conjugate the first verb of a clause after skipping adverbs: "still wake up" → "still wakes up". */
export function conjugateClause(clause: string): string {
  const words = clause.split(' ')
  let i = 0
  while (i < words.length - 1 && INTERVENING.has(words[i]!.toLowerCase())) i++
  if (words[i]) words[i] = conjugateThirdPerson(words[i]!)
  return words.join(' ')
}

/** Third-person singular present of a verb: "wake" → "wakes", "try" → "tries", "go" → "goes". */
export function conjugateThirdPerson(verb: string): string {
  const lower = verb.toLowerCase()
  if (MODALS.has(lower) || IRREGULAR_PAST.has(lower) || /ed$/.test(lower)) return verb
  const irregular = IRREGULAR_PRESENT[lower]
  if (irregular) return matchCase(verb, irregular)
  if (/(?:s|sh|ch|x|z|o)$/.test(lower)) return `${verb}es`
  if (/[^aeiou]y$/.test(lower)) return `${verb.slice(0, -1)}ies`
  return `${verb}s`
}

function matchCase(model: string, word: string): string {
  return model[0] === model[0]?.toUpperCase() ? word[0]!.toUpperCase() + word.slice(1) : word
}

export interface PersonOptions {
  /** How the note names the speaker at first mention: "Client", "Mother", "Supervisee". */
  name: string
  /** True when the statement already named the speaker (later references use "they"). */
  named?: boolean
}

interface Word {
  text: string
  /** Separator after the word (spaces and punctuation). */
  sep: string
}

function splitWords(sentence: string): { lead: string; words: Word[] } {
  const words: Word[] = []
  const re = /([\p{L}\p{N}][\p{L}\p{N}'’-]*)([^\p{L}\p{N}]*)/gu
  const lead = /^[^\p{L}\p{N}]*/u.exec(sentence)?.[0] ?? ''
  for (const m of sentence.slice(lead.length).matchAll(re)) words.push({ text: m[1]!, sep: m[2]! })
  return { lead, words }
}

function join(lead: string, words: Word[]): string {
  let out = lead
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    const prev = words[i - 1]
    const sentenceStart = prev !== undefined && /[.!?]\s+$/.test(prev.sep)
    out += (sentenceStart ? w.text[0]!.toUpperCase() + w.text.slice(1) : w.text) + w.sep
  }
  return out
}

// Words that show a preceding "you" is the subject ("you are", "you said", "you can").
const SUBJECT_NEXT = new Set(
  `are were have had will would can could should might may must do did don't didn't can't won't wouldn't
  couldn't shouldn't haven't aren't weren't need want feel felt think thought know knew said mentioned noticed
  told went got seem seemed get keep kept started start try tried like liked love hate notice see saw used
  wrote described rated put took make made come came go going been`
    .split(/\s+/)
    .filter(Boolean),
)

/** Expand the subject contractions of a self-reference so that one rule handles each verb. */
const FIRST_PERSON_CONTRACTIONS: Record<string, string[]> = {
  "i'm": ['I', 'am'],
  "i've": ['I', 'have'],
  "i'll": ['I', 'will'],
  "i'd": ['I', 'would'],
}
const SECOND_PERSON_CONTRACTIONS: Record<string, string[]> = {
  "you're": ['you', 'are'],
  "you've": ['you', 'have'],
  "you'll": ['you', 'will'],
  "you'd": ['you', 'would'],
}

function expand(words: Word[], table: Record<string, string[]>): Word[] {
  const out: Word[] = []
  for (const w of words) {
    const parts = table[w.text.toLowerCase().replace('’', "'")]
    if (!parts) {
      out.push(w)
      continue
    }
    out.push({ text: w.text[0] === 'Y' ? 'You' : parts[0]!, sep: ' ' }, { text: parts[1]!, sep: w.sep })
  }
  return out
}

/**
 * Conjugate the verb after a subject that became third person. `singular` is true for a name
 * ("Client wakes"), false for singular they ("they wake").
 */
function conjugateAfter(words: Word[], subjectIndex: number, singular: boolean): void {
  let i = subjectIndex + 1
  while (
    i < words.length &&
    INTERVENING.has(words[i]!.text.toLowerCase()) &&
    words[subjectIndex]!.sep.trim() === ''
  )
    i++
  const verb = words[i]
  if (!verb) return
  const lower = verb.text.toLowerCase().replace('’', "'")
  if (singular) {
    const map: Record<string, string> = {
      am: 'is',
      are: 'is',
      were: 'was',
      "don't": 'does not',
      "haven't": 'has not',
      "aren't": 'is not',
      "weren't": 'was not',
      have: 'has',
      do: 'does',
    }
    if (map[lower]) verb.text = map[lower]!
    else if (/^[a-z]+$/.test(lower) && !lower.endsWith("n't")) verb.text = conjugateThirdPerson(verb.text)
  } else {
    const map: Record<string, string> = { am: 'are', was: 'were', "wasn't": 'were not' }
    if (map[lower]) verb.text = map[lower]!
  }
}

/**
 * Apply a rewrite outside quotation marks only: quoted speech ("you're not my dad") is kept word
 * for word, because it is what someone said, not what the note says.
 */
function outsideQuotes(sentence: string, rewrite: (text: string) => string): string {
  const quotes: string[] = []
  const shielded = sentence.replace(/"[^"]*"/g, (q) => {
    quotes.push(q)
    return `QQ${quotes.length - 1}QQ`
  })
  return rewrite(shielded).replace(/QQ(\d+)QQ/gi, (_, i: string) => quotes[Number(i)] ?? '')
}

/** Rewrite a speaker's first-person sentence in the third person. Returns the text and whether the speaker was named. */
export function firstToThird(sentence: string, options: PersonOptions): { text: string; named: boolean } {
  let named = options.named ?? false
  const text = outsideQuotes(sentence, (shielded) => {
    const result = firstToThirdUnquoted(shielded, { ...options, named })
    named = result.named
    return result.text
  })
  return { text, named }
}

function firstToThirdUnquoted(sentence: string, options: PersonOptions): { text: string; named: boolean } {
  const { lead, words: raw } = splitWords(sentence)
  const words = expand(raw, FIRST_PERSON_CONTRACTIONS)
  let named = options.named ?? false
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    const lower = w.text.toLowerCase()
    if (w.text === 'I') {
      if (!named) {
        w.text = options.name
        named = true
        conjugateAfter(words, i, true)
      } else {
        w.text = 'they'
        conjugateAfter(words, i, false)
      }
    } else if (lower === 'me') {
      w.text = named ? 'them' : `the ${options.name.toLowerCase()}`
    } else if (lower === 'my') {
      w.text = named ? 'their' : `the ${options.name.toLowerCase()}'s`
    } else if (lower === 'mine') {
      w.text = named ? 'theirs' : `the ${options.name.toLowerCase()}'s`
    } else if (lower === 'myself') {
      w.text = 'themselves'
    }
  }
  let text = join(lead, words)
  if (text.length > 0) text = text[0]!.toUpperCase() + text.slice(1)
  return { text, named }
}

/** The -ing form of a verb: "wake" → "waking", "sit" → "sitting", "lie" → "lying". */
export function gerund(verb: string): string {
  const v = verb.toLowerCase()
  if (v === 'be') return 'being'
  if (/ie$/.test(v)) return `${v.slice(0, -2)}ying`
  if (/[^aeiou]e$/.test(v) && v.length > 2) return `${v.slice(0, -1)}ing`
  if (/^[^aeiou]*[aeiou][bdgklmnprtvz]$/.test(v)) return `${v}${v.at(-1)}ing`
  return `${v}ing`
}

// Verbs whose -ing form does not report what the speaker said ("I mean", "I guess").
const NO_GERUND = new Set('mean guess suppose swear wish bet gotta wanna gonna dunno'.split(' '))
// Verbs right after "I" that keep their subject: the -ing form would change the tense or the sense.
const KEEPS_SUBJECT = new Set('have had do did was am think know like love'.split(' '))

// "I just wake", "I'm so tired", "I kind of like": the adverbs between the subject and its verb
// (INTERVENING, with "kind of" and "sort of" as the pairs they are, and "so").
const LEADING_ADVERBS = `(?:(?:${[...INTERVENING].filter((w) => w !== 'kind' && w !== 'sort').join('|')}|kind of|sort of|so)\\s+)*`
const SELF_REPORT = new RegExp(`^I(?:'m| am|’m)?\\b\\s*(${LEADING_ADVERBS})(.*)$`, 'i')

/**
 * A speaker's sentence about themselves as what follows "reported", when the -ing form says it
 * without a subject: "I'm not sleeping" → "not sleeping", "I'm a stepdad" → "being a stepdad",
 * "I wake up at three" → "waking up at three", "I don't eat" → "not eating". Later self-references
 * become singular "they". Undefined when the sentence needs its subject (a modal, a past tense).
 */
export function selfReportAsGerund(sentence: string): string | undefined {
  const m = SELF_REPORT.exec(sentence)
  if (!m) return undefined
  const am = /^I(?:'m| am|’m)/i.test(sentence)
  const adverbs = m[1] ?? ''
  const rest = m[2] ?? ''
  const first = /^[a-z']+/i.exec(rest)?.[0] ?? ''
  const tail = rest.slice(first.length)
  const lower = first.toLowerCase()
  const after = (text: string) => firstToThird(text, { name: 'they', named: true }).text
  let phrase: string | undefined
  if (am) {
    if (lower === 'not' && /^\s+[a-z]+ing\b/i.test(tail)) phrase = `not${tail}`
    else if (/ing$/.test(lower) && lower.length > 4) phrase = rest
    else if (lower === 'not') phrase = `not being${tail}`
    else if (first) return lowerStart(after(`being ${adverbs}${rest}`))
  } else if (lower === "don't" || lower === 'don’t' || (lower === 'do' && /^\s+not\b/i.test(tail))) {
    const verb = /^(?:\s+not)?\s+([a-z]+)/i.exec(tail)
    if (verb && !MODALS.has(verb[1]!.toLowerCase()) && !NO_GERUND.has(verb[1]!.toLowerCase()))
      phrase = `not ${gerund(verb[1]!)}${tail.slice(verb[0].length)}`
  } else if (
    /^[a-z]+$/.test(first) &&
    !MODALS.has(lower) &&
    !IRREGULAR_PAST.has(lower) &&
    !/(?:ed|n't)$/.test(lower) &&
    !NO_GERUND.has(lower) &&
    !KEEPS_SUBJECT.has(lower)
  )
    phrase = `${gerund(first)}${tail}`
  if (phrase === undefined) return undefined
  return lowerStart(after(`${adverbs}${phrase}`.trim()))
}

function lowerStart(text: string): string {
  return text.replace(/^./, (c) => c.toLowerCase())
}

/**
 * Rewrite a clinician's sentence addressed to the client: "you" → the client, "I" as said by the
 * clinician → "clinician" (names are configurable: a supervisor addresses a supervisee).
 */
export function secondToThird(
  sentence: string,
  names: { addressee?: string; self?: string; capitalize?: boolean } = {},
): string {
  return outsideQuotes(sentence, (shielded) => secondToThirdUnquoted(shielded, names))
}

function secondToThirdUnquoted(
  sentence: string,
  names: { addressee?: string; self?: string; capitalize?: boolean },
): string {
  const clientName = names.addressee ?? 'client'
  const selfName = names.self ?? 'clinician'
  const { lead, words: raw } = splitWords(sentence)
  const words = expand(expand(raw, SECOND_PERSON_CONTRACTIONS), FIRST_PERSON_CONTRACTIONS)
  let clientNamed = false
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    const lower = w.text.toLowerCase()
    const prev = words[i - 1]
    // "you" after a verb or preposition is an object; at a clause start it is the subject.
    const next = words[i + 1]?.text.toLowerCase() ?? ''
    const subjectPosition =
      SUBJECT_NEXT.has(next) ||
      INTERVENING.has(next) ||
      /ed$/.test(next) ||
      prev === undefined ||
      prev.sep.trim() !== '' ||
      /^(?:and|but|so|if|when|because|that|or|what|how|where|why|until|unless|while)$/i.test(prev.text)
    const objectPosition = !subjectPosition
    if (lower === 'you') {
      if (objectPosition) {
        w.text = clientNamed ? 'them' : clientName
      } else {
        w.text = clientNamed ? 'they' : clientName
        conjugateAfter(words, i, !clientNamed)
      }
      clientNamed = true
    } else if (lower === 'your') {
      w.text = clientNamed || clientName === 'them' ? 'their' : `${clientName}'s`
      clientNamed = true
    } else if (lower === 'yourself') {
      w.text = 'themselves'
    } else if (w.text === 'I') {
      w.text = selfName
      conjugateAfter(words, i, true)
    } else if (lower === 'me' || lower === 'my') {
      w.text = lower === 'me' ? `the ${selfName}` : `the ${selfName}'s`
    } else if (lower === 'myself') {
      w.text = `the ${selfName}`
    }
  }
  let text = join(lead, words)
  if (text.length > 0 && names.capitalize !== false) text = text[0]!.toUpperCase() + text.slice(1)
  return text
}

const PROPER =
  /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|christmas|thanksgiving|easter|god|mom|dad)$/

/** Lower-case the first word unless it is a name or acronym ("It was" → "it was", "Gus called" stays). */
export function lowerFirst(sentence: string, isName?: (lower: string) => boolean): string {
  const first = /^[\p{L}][\p{L}'’-]*/u.exec(sentence)?.[0]
  if (!first) return sentence
  if (first === 'I' || (first.length > 1 && first.toUpperCase() === first)) return sentence
  const base = first.toLowerCase().replace(/['’](?:s|re|ve|ll|d|m|t)$/, '')
  if (PROPER.test(base) || !isCommonWord(base, 200) || isName?.(base)) return sentence
  return first.toLowerCase() + sentence.slice(first.length)
}
