import { cleanSpeech } from './clean.js'
import type { Category } from './formats.js'
import {
  conjugateClause,
  firstToThird,
  isModalOrIrregularPast,
  lowerFirst,
  secondToThird,
  selfReportAsGerund,
} from './person.js'
import { IMPERATIVE_VERBS } from './vocabulary.js'

/** How the note names each party of the session. */
export interface Voices {
  /** The note's name for a speaker label ("Client", "Supervisee", "Graham Whitcombe"). */
  nameOf(label: string): string
  /** What clinician-side speakers call themselves in the note ("Clinician", "Supervisor", "Prescriber"). */
  selfOf(label: string): string
  /** Whom clinician-side speakers address ("client", "supervisee", "family"). */
  addressee: string
  /** Words of the session that are names, kept capitalised (see sessionNames). */
  isName?: (lower: string) => boolean
}

const CLINICIAN_VERB: Partial<Record<Category, string>> = {
  intervention: 'explained',
  group_content: 'explained',
  guidance: 'advised',
  appraisal: 'noted',
  mse: 'observed',
  impression: 'stated',
  measure: 'reported',
}

// Dictation shorthand spelled out where the long form is unambiguous.
const SHORTHAND: [RegExp, string][] = [
  [/\bPt\b/g, 'Client'],
  [/\bpt\b/g, 'client'],
  [/\b(\d+)\s*y\/o\b/g, '$1-year-old'],
  [/\bw\/o\b/g, 'without'],
  [/\bw\//g, 'with '],
  [/\bhx\b/gi, 'history of'],
  [/\btx\b/gi, 'treatment'],
  [/\bhrs\b/g, 'hours'],
  [/\bhr\b/g, 'hour'],
  [/\bmos\b/g, 'months'],
  [/\bwks?\b/g, 'week'],
  [/\bwt\b/g, 'weight'],
  [/\bapprox\b\.?/g, 'approximately'],
  [/\bnl\b/g, 'normal'],
  [/\bre\b/g, 'regarding'],
  [/\bx (\d+)/g, 'for $1'],
  [/\bETOH\b/g, 'alcohol (ETOH)'],
  [/\bFHx\b/g, 'Family history (FHx):'],
  [/\bRTC\b/g, 'return to clinic (RTC) in'],
]

/** Spell out dictation shorthand ("Pt", "hx", "w/") so the note reads as prose. */
export function expandShorthand(text: string): string {
  let out = text
  for (const [re, replacement] of SHORTHAND) out = out.replace(re, replacement)
  return out.replace(/\s{2,}/g, ' ').replace(/:\s*:/g, ':')
}

/** "you" or "we" outside quotation marks: whom it means is not in the sentence. */
function addressesSomeone(text: string): boolean {
  return /\b(?:you|your|yours|yourself|we|us|our|ours|ourselves)\b/i.test(text.replace(/"[^"]*"/g, ''))
}

/** A clinician speaking to several people at once ("you two", "both of you"). */
function addressesSeveral(text: string): boolean {
  return /\b(?:you(?:'re|'ve|'ll)? (?:both|two|guys|all)|both of you|all of you|y'all)\b/i.test(text)
}

const NO_CLAUSE_START =
  /^(?:do|does|did|not|no|yes|yeah|yep|nope|and|or|but|\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|fifty|a hundred|first|second|third)\b)/i
// Subjects, forms of be/have/do and other verbs a clause shows; modals and irregular past tenses
// are person.ts's lists (isModalOrIrregularPast).
const SUBJECT_OR_VERB =
  /\b(?:i|you|he|she|we|they|it|there|who|am|is|are|was|were|be|been|being|has|have|had|do|does|did|need|needs|want|wants|says|\w+ed|\w+(?:'s|’s|'re|’re|'m|’m|'ve|’ve|'d|’d|'ll|’ll)|n't|n’t)\b/i

/** A word in -s after a word that cannot be its determiner: "the teacher hates", not "the injections". */
const PRESENT_VERB =
  /\b(?!(?:the|a|an|my|his|her|their|our|your|its|some|any|these|those|all|both|and|or|of|two|three|four|five)\b)[a-z]+ [a-z]+[^s\W]s\b/i

/**
 * Whether a sentence's first sentence is a fragment: it starts where no clause can ("Not once in
 * eight years.", "Eleven on weekends.") or has neither subject nor verb ("The list. The
 * injections."). A fragment is the answer to a question the note does not carry; "Client reported
 * that not once …" is not a sentence, so the note quotes it as said.
 */
export function isFragment(text: string): boolean {
  const first = (/^[^.!?]*[.!?]?/.exec(text.trim())?.[0] ?? '').replace(/"[^"]*"/g, 'it')
  if (NO_CLAUSE_START.test(first)) return true
  // "Worrying about the rent." reads as "reported worrying about the rent".
  if (/^[a-z]+ing\b/i.test(first)) return false
  const clause =
    SUBJECT_OR_VERB.test(first) ||
    PRESENT_VERB.test(first) ||
    (first.match(/[a-z]+/gi) ?? []).some(isModalOrIrregularPast)
  return !clause
}

/** Words quoted as said: the speaker's own, attributed, with nothing rewritten. */
function quoted(name: string, text: string): string {
  return `${name} said: "${finishSentence(text.replace(/"/g, "'"))}"`
}

/**
 * A client-side speaker's sentence as a statement attributed to them: "Client reported waking up
 * at three", "Client reported they still can't sleep in the bed". The client's account is always
 * the client's report, never the note's own assertion (rule 2). A sentence that says "you" or "we"
 * is quoted word for word: whether it means the clinician, another family member or anyone at all
 * is not something the note may guess. So is a fragment that cannot follow "reported".
 */
export function realizeReport(
  text: string,
  name: string,
  category: Category,
  isName?: (lower: string) => boolean,
): string {
  if (addressesSomeone(text) || isFragment(text)) return quoted(name, text)
  const rest = firstToThird(lowerFirst(text, isName), { name, named: true }).text
  const body = lowerFirst(rest, isName)
  if (category === 'plan') return `${name} agreed: ${body}`
  const ing = selfReportAsGerund(text)
  return `${name} reported ${ing ?? body}`
}

/** A clinician-side speaker's sentence as a statement about what they did or said. */
export function realizeClinician(
  text: string,
  self: string,
  addressee: string,
  category: Category,
  isName?: (lower: string) => boolean,
): string {
  // "You two" is not one client: the words are kept as said rather than bent to the singular.
  if (addressesSeveral(text)) return quoted(self, text)
  const converted = secondToThird(text, { addressee: addressee.toLowerCase(), self: self.toLowerCase() })
  const first = /^[\p{L}']+/u.exec(converted)?.[0] ?? ''
  if (category === 'plan') {
    if (/^let(?:'s| us)$/i.test(first))
      return `${self} and ${addressee.toLowerCase()} agreed to ${lowerFirst(converted.replace(/^let(?:'s| us)\s+/i, ''))}`
    return converted
  }
  // "You said you're up until three" is the clinician's recap of the client's words: it stays the
  // clinician's statement, so the note never puts it in the client's mouth on the clinician's evidence.
  if (/^you (?:said|told me|mentioned|were saying)\b/i.test(text))
    return `${self} noted that ${lowerFirst(converted, isName)}`
  if (new RegExp(`^(?:${self}|${addressee})\\b`, 'i').test(converted)) return converted
  if (/^let(?:'s| us)$/i.test(first))
    return `${self} guided ${addressee.toLowerCase()} to ${lowerFirst(converted.replace(/^let(?:'s| us)\s+/i, ''))}`
  if (IMPERATIVE_VERBS.has(first.toLowerCase()))
    return `${self} guided ${addressee.toLowerCase()} to ${lowerFirst(converted)}`
  if (isFragment(text)) return quoted(self, text)
  const verb = CLINICIAN_VERB[category] ?? 'stated'
  return `${self} ${verb} that ${lowerFirst(converted, isName)}`
}

/** A dictated sentence as a statement: shorthand spelled out, heading kept as a lead-in. */
export function realizeDictation(text: string): string {
  const expanded = expandShorthand(text)
  return expanded[0]!.toUpperCase() + expanded.slice(1)
}

/** Make sure a statement ends like a sentence. */
export function finishSentence(text: string): string {
  const trimmed = text.trim().replace(/[,;:\s]+$/, '')
  return /[.!?"”)]$/.test(trimmed) ? trimmed : `${trimmed}.`
}

const AUX = /^(do|does|did|is|are|was|were|have|has|had|can|could|will|would|should)\s+you\b\s*/i
const WH = /^(how (?:many|much|long|often|far|old|bad)|what|how|when|where|why|who|which)\b/i
const AUX_MAP: Record<string, string> = {
  is: 'is',
  are: 'is',
  was: 'was',
  were: 'was',
  have: 'has',
  has: 'has',
}

/**
 * A clinician's question as indirect speech, so an answer can be reported with its context:
 * "Have you talked to Dr. Sato?" → "whether client has talked to Dr. Sato";
 * "How's the pain today?" → "about the pain today".
 */
export function indirectQuestion(
  question: string,
  addressee: string,
  isName?: (lower: string) => boolean,
): string {
  const q = cleanSpeech(question)
    .replace(/[?]+\s*$/, '')
    .trim()
  const who = addressee.toLowerCase()
  const rest = (text: string) => secondToThird(text, { addressee: 'them', capitalize: false }).trim()
  const there = /^(is|are|was|were) there\b\s*/i.exec(q)
  if (there) return `whether there ${there[1]!.toLowerCase()} ${rest(q.slice(there[0].length))}`.trim()
  const yesNo = AUX.exec(q)
  if (yesNo) {
    const aux = yesNo[1]!.toLowerCase()
    const after = q.slice(yesNo[0].length)
    if (aux === 'do' || aux === 'does') return `whether ${who} ${conjugateClause(rest(after))}`.trim()
    return `whether ${who} ${AUX_MAP[aux] ?? aux} ${rest(after)}`.trim()
  }
  const wh = WH.exec(q)
  if (wh) {
    const after = q.slice(wh[0].length)
    const inverted =
      /^(.*?)\b(do|does|did|is|are|was|were|have|has|had|can|could|will|would|should)\s+you\b\s*(.*)$/i.exec(
        after,
      )
    if (inverted) {
      const [, before, aux, tail] = inverted
      const a = aux!.toLowerCase()
      const verbPart =
        a === 'do' || a === 'does' ? conjugateClause(rest(tail!)) : `${AUX_MAP[a] ?? a} ${rest(tail!)}`
      return `${wh[0].toLowerCase()}${before ? ` ${before.trim()}` : ''} ${who} ${verbPart}`
        .replace(/\s+/g, ' ')
        .trim()
    }
    const topic = after.replace(/^(?:'s|'re|\s+(?:is|are|was|were|has|have|been))\s*/i, '').trim()
    return `about ${rest(topic)}`.replace(/\s+/g, ' ').trim()
  }
  // A question that cannot be turned into indirect speech word by word ("Is the train different in
  // the rain?") is quoted as asked.
  if (/^(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|any|anything)\b/i.test(q))
    return `"${q}?"`
  return `about ${lowerFirst(rest(q), isName)}`
}

/** A short answer reported with the question it answers. */
export function realizeAnswer(
  question: string,
  answer: string,
  name: string,
  addressee: string,
  isName?: (lower: string) => boolean,
): string {
  const body = lowerFirst(firstToThird(lowerFirst(answer, isName), { name, named: true }).text, isName)
  return `When asked ${indirectQuestion(question, addressee, isName)}, ${name.toLowerCase() === 'client' ? 'client' : name} said: ${body}`
}
