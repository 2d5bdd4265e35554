import type { TextAnalysis } from './analyse.js'

/**
 * Words in quotation marks claim to be what was said. Each quoted sentence must be found in one
 * cited utterance, word for word and in order; between two quoted words the utterance may hold at
 * most a few words the note left out (fillers, stutters, a name), never a negation. So "I do want
 * to die" is not a quote of "I don't want to die", and "six or ten" not of "six or seven".
 */

/** Evidence words a quote may leave out between two of its words. */
const MAX_SKIPPED = 3
/** Words that turn a sentence around: never left out of a quote. */
const NEGATOR = /^(?:not|no|never|nothing|none|nobody|neither|nor|cannot|[a-z]+n't)$/
/**
 * Words a quote may hold that its utterance does not: the cleaner's "about" for a spoken "like"
 * before an amount, and the "another member" that stands for a group member's name.
 */
const SUPPLIED = new Set(['about', 'another', 'member'])

function tokens(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/[’‘]/g, "'")
      .match(/[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu) ?? []
  )
}

/** Whether `quote` can be read off `words` from position `start`, by the rules above. */
function readsFrom(quote: string[], words: string[], start: number): boolean {
  let at = start
  for (let k = 1; k < quote.length; k++) {
    const want = quote[k]!
    let found = -1
    for (let j = at + 1; j <= at + 1 + MAX_SKIPPED && j < words.length; j++) {
      if (words[j] === want) {
        found = j
        break
      }
      if (NEGATOR.test(words[j]!)) break
    }
    if (found >= 0) at = found
    else if (!SUPPLIED.has(want)) return false
  }
  return true
}

function quotedIn(quote: string[], words: string[]): boolean {
  for (let i = 0; i < words.length; i++) if (words[i] === quote[0] && readsFrom(quote, words, i)) return true
  return SUPPLIED.has(quote[0]!) && quote.length > 1 && quotedIn(quote.slice(1), words)
}

/** Reasons, one per quoted sentence the cited utterances do not hold as said. */
export function checkQuotes(statement: string, evidence: readonly TextAnalysis[]): string[] {
  const pools = evidence.map((e) => tokens(e.text))
  const reasons: string[] = []
  for (const [, quoted] of statement.matchAll(/"([^"]+)"/g)) {
    for (const sentence of quoted!.split(/[.!?;]+/)) {
      const words = tokens(sentence)
      if (words.length < 2) continue
      if (!pools.some((pool) => quotedIn(words, pool))) {
        reasons.push(`quoted words not in the evidence as said: "${sentence.trim()}"`)
        break
      }
    }
  }
  return reasons
}
