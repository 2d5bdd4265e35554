import { normalizeText, splitSentences } from '../text/index.js'
import type { Utterance } from '../transcript/utterance.js'

/** A sentence of an utterance; offsets are into the utterance text. */
export interface PreparedSentence {
  start: number
  end: number
  /** Lower case, straight quotes and apostrophes; same length as the original span. */
  lower: string
  /** As written (for case-sensitive shorthand such as SI/HI and for names). */
  original: string
  interrogative: boolean
}

/** Whose words a quotation carries. */
export type QuoteVoice = 'speaker' | 'third' | 'document' | 'prompt'

/** A quotation inside an utterance. */
export interface QuoteSpan {
  start: number
  end: number
  voice: QuoteVoice
}

/** An utterance ready for matching. */
export interface PreparedUtterance {
  utterance: Utterance
  index: number
  lower: string
  sentences: PreparedSentence[]
  quotes: QuoteSpan[]
}

/** Lower-case without changing length, so that offsets stay valid for excerpts. */
export function lowerSameLength(text: string): string {
  const normalized = normalizeText(text)
  let out = ''
  for (const ch of normalized) {
    const low = ch.toLowerCase()
    out += low.length === ch.length ? low : ch
  }
  return out
}

const DOCUMENT_INTRO =
  /\b(?:draft|drafts|note|notes|chart|record|report|tool|form|screen(?:er|ing)?|summary|document|email|letter|text|ai|it)\b[^".!?]{0,25}\b(?:said|says|read|reads|stated|states|wrote|writes|listed|lists|put|had|has|called it)\b[^"]{0,20}$|\b(?:turned it into|changed it to|converted (?:it|that) (?:to|into)|into)\s*$/
const SPEECH_VERB =
  '(?:said|says|say|saying|asking|telling (?:me|him|her)|told (?:me|him|her|them|us)|tells (?:me|him|her)|goes|went|was like|is like|wrote|writes|texted|asked|asks|yelled|screamed|whispered|mentioned|added|replied|answered|kept saying)'
const SPEECH_INTRO = new RegExp(
  `\\b([a-z][a-z.'-]*)(?:,? (?:pretty |very |kind of |just |really )?[a-z]+ly,?)? ${SPEECH_VERB}\\b[^"]{0,30}$`,
)

function quoteVoice(before: string, promptSpeaker: boolean): QuoteVoice {
  if (DOCUMENT_INTRO.test(before)) return 'document'
  const m = SPEECH_INTRO.exec(before)
  if (!m) return 'speaker'
  const who = m[1]!
  if (who === 'i') return promptSpeaker ? 'prompt' : 'speaker'
  if (who === 'you' || who === 'we') return 'speaker'
  return 'third'
}

/**
 * Quotations and whose words they are: a quote introduced by "he said" is the third person's; by
 * "the draft said" a document's (a quoted error is not a finding); by a clinician's "I said" her own
 * prompt to the client (a question, not an assertion).
 */
export function findQuotes(lower: string, promptSpeaker: boolean): QuoteSpan[] {
  const marks: number[] = []
  for (let i = 0; i < lower.length; i++) if (lower[i] === '"') marks.push(i)
  const spans: QuoteSpan[] = []
  for (let k = 0; k + 1 < marks.length; k += 2) {
    const start = marks[k]!
    const end = marks[k + 1]! + 1
    const before = lower.slice(Math.max(0, start - 70), start)
    spans.push({ start, end, voice: quoteVoice(before, promptSpeaker) })
  }
  return spans
}

/** Split an utterance into sentences and quotations, with a lower-cased copy for matching. */
export function prepareUtterance(
  utterance: Utterance,
  index: number,
  promptSpeaker: boolean,
): PreparedUtterance {
  const lower = lowerSameLength(utterance.text)
  // Split the original (capitals decide whether "R.T." ends a sentence); match on the lower copy.
  const sentences = splitSentences(normalizeText(utterance.text)).map((s) => ({
    start: s.start,
    end: s.end,
    lower: lower.slice(s.start, s.end),
    original: utterance.text.slice(s.start, s.end),
    interrogative: /\?["')\]]*$/.test(s.text),
  }))
  return { utterance, index, lower, sentences, quotes: findQuotes(lower, promptSpeaker) }
}

/** The quotation an offset lies in, if any. */
export function quoteAt(quotes: readonly QuoteSpan[], offset: number): QuoteSpan | undefined {
  return quotes.find((q) => offset > q.start && offset < q.end)
}
