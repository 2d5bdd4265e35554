import type { TextAnalysis, Word } from './analyse.js'
import { findStem } from './overlap.js'

/** How often each evidence stem is asserted and how often it is negated. */
export type PolarityCounts = Map<string, { pos: number; neg: number }>

/** An evidence text; `answer` marks a question answered by the cited utterance ("Any thoughts?" "No."). */
export interface PolarityText {
  analysis: TextAnalysis
  answer?: 'yes' | 'no' | undefined
}

/**
 * Count asserted and negated occurrences of each stem. A question asserts nothing on its own; a
 * question answered "no" is evidence that what it asked about is denied.
 */
export function countPolarity(texts: readonly PolarityText[]): PolarityCounts {
  const counts: PolarityCounts = new Map()
  for (const { analysis, answer } of texts) {
    for (const w of analysis.words) {
      if (w.hedged || (w.question && answer === undefined)) continue
      const negated = w.negated !== (answer === 'no')
      for (const s of w.stems) {
        const c = counts.get(s) ?? { pos: 0, neg: 0 }
        if (negated) c.neg++
        else c.pos++
        counts.set(s, c)
      }
    }
  }
  return counts
}

/**
 * A statement whose polarity contradicts its evidence: "Client denied X" when the evidence says
 * "yes, I have", or "Client is sleeping well" over "I'm not sleeping". Only words that a negation
 * touches on either side vote (words both sides assert say nothing about negation), clause by
 * clause; words the evidence both asserts and negates abstain.
 */
export function checkNegation(
  body: readonly Word[],
  evidence: PolarityCounts,
  evidenceNegates = true,
): string[] {
  // A denial or "not" must rest on evidence that says no somewhere (a negation or a "No." answer).
  const negated = body.find((w) => w.negated && !w.hedged && !w.question && w.stems.length > 0)
  if (negated && !evidenceNegates)
    return [`negation: statement negates "${negated.text.toLowerCase()}" but evidence has no negation`]
  // Votes are counted per clause: "No prior treatment, a lot of hospitalizations" contradicts
  // "no hospitalizations" even though the first clause agrees.
  const clauses = new Map<
    number,
    { agree: number; disagree: number; first?: { word: string; negated: boolean } }
  >()
  for (const w of body) {
    if (w.hedged || w.question) continue
    for (const s of w.stems) {
      const key = findStem(s, evidence)
      if (key === undefined) continue
      const c = evidence.get(key)!
      if (c.pos > 0 && c.neg > 0) continue
      const evidenceNegated = c.neg > 0
      if (!evidenceNegated && !w.negated) continue
      const vote = clauses.get(w.clause) ?? { agree: 0, disagree: 0 }
      if (evidenceNegated === w.negated) vote.agree++
      else {
        vote.disagree++
        vote.first ??= { word: w.text.toLowerCase(), negated: w.negated }
      }
      clauses.set(w.clause, vote)
    }
  }
  const first = [...clauses.values()].find((v) => v.disagree > v.agree)?.first
  if (first === undefined) return []
  return [
    first.negated
      ? `negation: statement negates "${first.word}" but evidence affirms it`
      : `negation: statement affirms "${first.word}" but evidence negates it`,
  ]
}
