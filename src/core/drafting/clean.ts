import { normalizeText } from '../text/index.js'

/**
 * Turns spoken sentences into written ones without changing what they say: drops fillers,
 * false starts and repeated words, and the discourse markers a transcript is full of.
 * Hedges that change meaning ("I guess", "maybe") stay; negations always stay.
 */

const FILLERS: RegExp[] = [
  /\b(?:u+m+|u+h+m*|e+r+m*|a+h+|hm+|m+h?m+|mm-hmm|uh-huh|uh-oh)\b[,.]?/gi,
  // "you know" and "I mean" as fillers: only between commas or at a clause edge.
  /(?:^|,)\s*(?:you know|i mean|you see)\s*(?=,|$|\.)/gi,
  /(?<=^|,\s?)\s*(?:you know|i mean),\s*/gi,
  /\b(?:kind of|sort of|kinda|sorta)\b,?\s*/gi,
  // "I don't know" standing alone between punctuation is a filler, not a statement.
  /(?<=^|[,.]\s?)\s*i (?:don't|dunno) know\s*(?=[,.]|$)/gi,
  /\b(?:honestly|basically|literally|actually|totally|seriously)\b,?\s*/gi,
]

// Leading discourse markers, stripped one after another ("So, yeah, okay, I ...").
const LEADING =
  /^(?:so(?![\s,]+(?:much|many|far|long|bad|badly|good|hard|often|little|tired|scared|sad|happy|proud|sorry)\b)|and|but|well|okay|ok|oh|yeah|yes|yep|right|anyway|anyways|like|now|alright|all right|um|uh|see(?=,)|hey|wow|gosh|god|man|huh)\b[,.!]?\s+/i

/** Remove fillers, stutters and leading discourse markers from one spoken sentence. */
export function cleanSpeech(sentence: string): string {
  // Transcriber notes ("[laughs]", "[crosstalk]") are not speech.
  let s = normalizeText(sentence)
    .replace(/\[[^\]]*\]/g, ' ')
    .trim()
  // "like four a week" → "about four a week": "like" before an amount is an approximation.
  s = s.replace(
    /\blike,?\s+(?=(?:a |an |about )?(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|a (?:few|couple)|half)\b)/gi,
    'about ',
  )
  s = s.replace(/\babout about\b/gi, 'about')
  for (const re of FILLERS) s = s.replace(re, ' ')
  // A filler "like" set off by commas.
  s = s.replace(/,\s*like,\s*/gi, ', ').replace(/^like,\s*/i, '')
  // Stutters and false starts: "I, I have", "I have, I have an hour", "the, the".
  // Number words are never collapsed: "nine eight eight" is 988, "two, two" may be a count.
  for (let i = 0; i < 3; i++) {
    const collapsed = collapseRepeats(s)
    if (collapsed === s) break
    s = collapsed
  }
  s = s.replace(/\s*-{1,2}\s*(?=[A-Za-z])/g, (m) => (m.includes(' ') ? ', ' : m))
  // Tidy punctuation and spaces left behind.
  s = s
    .replace(/\s+([,.;:!?])/g, '$1')
    .replace(/([,;:])(?:\s*[,;:])+/g, '$1')
    .replace(/^[\s,;:.]+/, '')
    .replace(/,\s*([.!?])/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim()
  let previous = ''
  while (previous !== s) {
    previous = s
    s = s.replace(LEADING, '')
  }
  s = s.replace(/^[\s,;:.]+/, '')
  if (s.length > 0) s = s[0]!.toUpperCase() + s.slice(1)
  return s
}

const NUMBER_WORD =
  /\d|\b(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\b/i
const SPEECH_WORD = /[\w']+/g

/**
 * One left-to-right pass that drops the first copy of a repeated run of one to four words
 * ("I, I have" → "I have"; "I have, I have an hour" → "I have an hour"), comparing words
 * case-insensitively. Word by word, without a backreferencing regex (which backtracks on long turns).
 */
function collapseRepeats(s: string): string {
  const starts: number[] = []
  const ends: number[] = []
  const lower: string[] = []
  for (const m of s.matchAll(SPEECH_WORD)) {
    starts.push(m.index)
    ends.push(m.index + m[0].length)
    lower.push(m[0].toLowerCase())
  }
  const n = lower.length
  if (n < 2) return s
  // Only spaces between the words of a run; a comma (with spaces) or spaces between the two copies.
  const gap = (k: number) => s.slice(ends[k]!, starts[k + 1]!)
  const within = (k: number) => /^\s+$/.test(gap(k))
  const between = (k: number) => /^(?:\s*,\s*|\s+)$/.test(gap(k))
  let out = ''
  let copied = 0
  let i = 0
  while (i < n) {
    let matched = 0
    for (let len = 4; len >= 1 && matched === 0; len--) {
      if (i + 2 * len > n) continue
      // Words first (cheap), separators only for a run that repeats.
      let same = true
      for (let k = 0; same && k < len; k++) if (lower[i + k] !== lower[i + len + k]) same = false
      if (!same || !between(i + len - 1)) continue
      for (let k = 0; same && k < len - 1; k++) if (!within(i + k) || !within(i + len + k)) same = false
      if (!same) continue
      if (NUMBER_WORD.test(s.slice(starts[i]!, ends[i + len - 1]!))) continue
      matched = len
    }
    if (matched === 0) {
      i++
      continue
    }
    // Keep the text up to and including the first copy, skip the separator and the second copy.
    out += s.slice(copied, ends[i + matched - 1]!)
    copied = ends[i + 2 * matched - 1]!
    i += 2 * matched
  }
  return copied === 0 ? s : out + s.slice(copied)
}

/** A sentence that carries no content on its own ("Yeah.", "No.", "Okay, okay.", "Right?"). */
export function isBackchannel(sentence: string): boolean {
  // Word by word, stopping at the first word that carries something.
  for (const m of sentence.matchAll(BACKCHANNEL_WORD)) if (!TRIVIAL.has(m[0].toLowerCase())) return false
  return true
}

const BACKCHANNEL_WORD = /[a-z']+/gi
const TRIVIAL: ReadonlySet<string> = new Set([
  'yeah',
  'yes',
  'no',
  'okay',
  'ok',
  'right',
  'sure',
  'mm',
  'mhm',
  'hmm',
  'uh',
  'um',
  'oh',
  'ah',
  'wow',
  'thanks',
  'thank',
  'you',
  'totally',
  'exactly',
  'yep',
  'nope',
  'huh',
  'good',
  'great',
  'fine',
  'alright',
  'so',
  'well',
  'i',
  'know',
  'see',
  'got',
  'it',
  'true',
  'fair',
  'enough',
  'me',
  'too',
  'same',
  'ha',
  'haha',
  'hi',
  'hey',
  'hello',
  'bye',
  'yup',
  'cool',
  'nice',
  'definitely',
  'absolutely',
  'of',
  'course',
  'that',
  "that's",
  'is',
  'makes',
  'sense',
  'really',
  'sounds',
  'agreed',
  'deal',
  'perfect',
  'noted',
])
