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
  /^(?:so|and|but|well|okay|ok|oh|yeah|yes|yep|right|anyway|anyways|like|now|alright|all right|um|uh|see|hey|wow|gosh|god|man|huh)\b[,.!]?\s+/i

/** Remove fillers, stutters and leading discourse markers from one spoken sentence. */
export function cleanSpeech(sentence: string): string {
  let s = normalizeText(sentence).trim()
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
    s = s.replace(/\b((?:[\w']+\s+){0,3}[\w']+)(?:\s*,\s*|\s+)\1\b/gi, (match, group: string) =>
      /\d|\b(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\b/i.test(
        group,
      )
        ? match
        : group,
    )
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

/** A sentence that carries no content on its own ("Yeah.", "No.", "Okay, okay.", "Right?"). */
export function isBackchannel(sentence: string): boolean {
  const words = sentence
    .toLowerCase()
    .replace(/[^a-z' ]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
  if (words.length === 0) return true
  const trivial = new Set([
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
  return words.every((w) => trivial.has(w))
}
