import type { Word } from './analyse.js'

interface StemPool {
  has(key: string): boolean
  keys(): Iterable<string>
}

// Porter leaves derivations apart ("sleep"/"sleepi", "hospit"/"hospitalis"): a long shared prefix matches.
const PREFIX_MATCH = 5

/** The pool's stem equal to `s` or sharing a long prefix with it, or undefined. */
export function findStem(s: string, pool: StemPool): string | undefined {
  if (pool.has(s)) return s
  if (s.length < PREFIX_MATCH) return undefined
  for (const k of pool.keys()) {
    if (k.length >= PREFIX_MATCH && (k.startsWith(s) || s.startsWith(k))) return k
  }
  return undefined
}

/** The share of the statement's content found in its evidence, overall and in its weakest clause. */
export interface Overlap {
  /** Weighted share of content stems found in the evidence, 0..1 (1 when nothing to check). */
  coverage: number
  /** The same share for the weakest clause of two or more content words. */
  weakestClause: number
  /** Statement words whose stems the evidence lacks, in order. */
  missing: string[]
}

/**
 * Weighted coverage of the statement's content words by its evidence. `weight` makes words that
 * are rare in the session count more: an invented "emergency room" weighs more than a missing "feel".
 * Clauses are measured apart so that a true statement with an invented clause appended still fails.
 */
export function measureOverlap(
  body: readonly Word[],
  evidence: StemPool,
  weight: (s: string) => number,
): Overlap {
  const clauses = new Map<number, { total: number; found: number; stems: number }>()
  let total = 0
  let found = 0
  const missing: string[] = []
  for (const w of body) {
    for (const s of w.stems) {
      const wt = weight(s)
      const hit = findStem(s, evidence) !== undefined
      total += wt
      if (hit) found += wt
      else if (!missing.includes(w.text.toLowerCase())) missing.push(w.text.toLowerCase())
      const c = clauses.get(w.clause) ?? { total: 0, found: 0, stems: 0 }
      c.total += wt
      c.stems++
      if (hit) c.found += wt
      clauses.set(w.clause, c)
    }
  }
  const coverage = total === 0 ? 1 : found / total
  // Clauses of one content word are too small to judge apart; they join the clause before them.
  const merged: { total: number; found: number; stems: number }[] = []
  for (const c of clauses.values()) {
    const last = merged.at(-1)
    if (last && (c.stems < 2 || last.stems < 2)) {
      last.total += c.total
      last.found += c.found
      last.stems += c.stems
    } else merged.push({ ...c })
  }
  let weakestClause = coverage
  for (const c of merged)
    if (c.stems >= 2 && c.total > 0) weakestClause = Math.min(weakestClause, c.found / c.total)
  return { coverage, weakestClause, missing }
}
