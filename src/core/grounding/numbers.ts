import type { Quantity, TextAnalysis } from './analyse.js'
import { UNIT_EQUIVALENT } from './vocabulary.js'

function readings(q: Quantity): number[] {
  return [q.value, ...q.alternatives]
}

function sameUnit(a: string, b: string): boolean {
  return a === b || (UNIT_EQUIVALENT.get(a)?.includes(b) ?? false)
}

/**
 * Every number of the statement, in digits or words, must occur in the evidence; when the
 * statement gives a unit ("95 mg") and the evidence gives that number only other units ("95 mcg",
 * "95 days"), the dose or amount was changed. When the evidence never gives the number a unit
 * ("Ninety-five now"), the unit came from context and any unit passes.
 */
export function checkNumbers(statement: TextAnalysis, evidence: readonly TextAnalysis[]): string[] {
  if (statement.quantities.length === 0) return []
  const pool = evidence.flatMap((e) => e.quantities)
  const reasons: string[] = []
  // A number the evidence says once cannot be two of the statement's numbers ("two or two minutes").
  const said = new Map<number, number>()
  for (const p of pool) for (const v of new Set(readings(p))) said.set(v, (said.get(v) ?? 0) + 1)
  const used = new Map<number, number>()
  for (const q of statement.quantities) {
    used.set(q.value, (used.get(q.value) ?? 0) + 1)
    if ((said.get(q.value) ?? 0) > 0 && used.get(q.value)! > said.get(q.value)!) {
      reasons.push(`number ${q.value} appears more often than in evidence`)
      continue
    }
    let matches = pool.filter((p) => readings(p).includes(q.value))
    // "four thirty" read as 4 and 30 is fine when the evidence has both ("4:30").
    if (matches.length === 0 && q.alternatives.length > 0) {
      const parts = q.alternatives.map((a) => pool.filter((p) => readings(p).includes(a)))
      if (parts.every((p) => p.length > 0)) matches = parts.flat()
    }
    if (matches.length === 0) {
      reasons.push(`number ${q.value} not in evidence`)
      continue
    }
    const unit = q.unit
    if (unit === undefined) continue
    // A bare mention supports any unit only when the evidence never gives that number another unit.
    const units = matches.filter((m) => m.unit !== undefined)
    const compatible = units.length === 0 || units.some((m) => sameUnit(m.unit!, unit))
    if (!compatible) {
      const other = matches.find((m) => m.unit !== undefined)?.unit
      reasons.push(`unit mismatch: ${q.value} ${unit} but evidence has ${q.value} ${other}`)
    }
  }
  return reasons
}
