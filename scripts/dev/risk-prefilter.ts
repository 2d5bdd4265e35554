/**
 * Why the risk detector's prefilter tests each lower-case expression on its own rather than one
 * union of all of them: times both over the sentences of s07, ten times, three rounds.
 *
 *   npx tsx scripts/dev/risk-prefilter.ts
 *
 * 2026-11-29 (Node 20.20, this machine): union ~150 ms per s07, the 55 tests one after another
 * ~13 ms, the same 31 sentences found.
 */
import { readFileSync } from 'node:fs'
import { RISK_EXPRESSIONS } from '../../src/core/guard/risk-lexicon.js'

const src = RISK_EXPRESSIONS.filter((e) => !e.cased)
  .map((e) => `(?:${e.pattern.source.replace(/\(\?<([A-Za-z]\w*)>/g, '(?:')})`)
  .join('|')
const ANY = new RegExp(src)
console.log('union source length', src.length, 'expressions', RISK_EXPRESSIONS.length)
const lines = readFileSync(new URL('../../../shared/samples/s07.vtt', import.meta.url), 'utf8')
  .toLowerCase()
  .split(/(?<=[.!?])\s+|\n/)
for (let r = 0; r < 3; r++) {
  let t = performance.now()
  let n = 0
  for (let k = 0; k < 10; k++) for (const l of lines) if (ANY.test(l)) n++
  const union = (performance.now() - t) / 10
  t = performance.now()
  let m = 0
  for (let k = 0; k < 10; k++)
    for (const l of lines)
      for (const e of RISK_EXPRESSIONS)
        if (!e.cased) {
          e.pattern.lastIndex = 0
          if (e.pattern.test(l)) {
            m++
            break
          }
        }
  const each = (performance.now() - t) / 10
  console.log(
    `union ${union.toFixed(1)} ms, each ${each.toFixed(1)} ms per s07 (${lines.length} lines) hits ${n / 10} ${m / 10}`,
  )
}
