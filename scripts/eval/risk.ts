/**
 * Risk-detector evaluation: `npx tsx scripts/eval/risk.ts` (also imported by `npm run eval`).
 *
 * Matching rules (fixed; do not tune them to the detector):
 * - A gold quote belongs to the utterance whose text contains it. For dictation the utterance text
 *   has spoken punctuation applied ("SI slash HI" → "SI/HI"), so the quote is normalised with the
 *   parser's dictation normaliser (`applySpokenPunctuation`) before it is looked up and compared.
 * - A flag COVERS a gold item when (1) its evidence contains that utterance id, (2) its polarity is
 *   the gold polarity (positive / denied), (3) its category is in the same family as the gold
 *   category — suicide {suicidal_ideation, passive_death_wish, suicide_plan, suicide_intent,
 *   suicide_attempt, burdensomeness}, self_harm {self_harm}, violence {homicidal_ideation,
 *   homicidal_intent, violence}, abuse {abuse}, means {access_to_means}, substance {overdose_risk,
 *   substance_use} — and (4) its excerpt OVERLAPS the quote: case-insensitive containment either
 *   way, or a shared substring of at least 20 characters (or the quote's length if shorter).
 * - A TRAP FALSE POSITIVE is a positive flag whose excerpt overlaps a trap string by the same rule.
 * - positiveRecall = covered gold positives / gold positives; deniedRecorded = covered gold denials /
 *   gold denials; categoryExact = covered gold items (both polarities) with a covering flag of the
 *   exact gold category / covered gold items; unmatchedPositives = positive flags (substance_use
 *   excluded: it is informational and has no gold items) that cover no gold positive item.
 * - The group sample (s11) is run with `focus` = the gold `group.note_for`.
 * AnnoMI (real MI conversations, ../shared/corpora/annomi): every distinct utterance is run through
 * the detector per transcript; the report gives positive flags per 1,000 utterances by category and
 * lists the suicide, self-harm, violence and abuse positives for reading by eye.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Flag } from '../../src/core/drafting/draft.schema.js'
import { categoryOfKind, detectRisk, RISK_FAMILY, type RiskCategory } from '../../src/core/guard/index.js'
// The dictation normaliser is not on the transcript module's public surface; the evaluation needs
// exactly the parser's own normalisation, so it imports the implementation file.
import { applySpokenPunctuation } from '../../src/core/transcript/dictation.js'
import { parseTranscript, type Utterance } from '../../src/core/transcript/index.js'
import { CORPORA_DIR, loadSamples, type Sample } from '../../test/support/samples.js'

/** Per-case (and overall) risk metrics; null where the case has no gold items of that kind. */
export interface RiskMetrics {
  positiveRecall: number | null
  deniedRecorded: number | null
  trapFalsePositives: number
  unmatchedPositives: number
  categoryExact: number | null
}

export interface RiskCaseResult extends RiskMetrics {
  id: string
  positives: number
  denials: number
  traps: number
  flags: number
  missed: Array<{ polarity: 'positive' | 'denied'; category: string; quote: string }>
  trapHits: Array<{ trap: string; excerpt: string; kind: string }>
}

export interface RiskEvaluation {
  cases: RiskCaseResult[]
  overall: RiskMetrics
}

/** Case-insensitive overlap: containment either way, or a shared substring of min(20, |quote|) characters. */
export function overlaps(excerpt: string, quote: string): boolean {
  const a = excerpt.toLowerCase()
  const b = quote.toLowerCase()
  if (a.includes(b) || b.includes(a)) return true
  const need = Math.min(20, b.length)
  for (let i = 0; i + need <= b.length; i++) if (a.includes(b.slice(i, i + need))) return true
  return false
}

function goldFamily(category: string): string | undefined {
  const parsed = categoryOfKind(`risk.${category}`)
  return parsed ? RISK_FAMILY[parsed] : undefined
}

function flagFamily(flag: Flag): string | undefined {
  const c = categoryOfKind(flag.kind)
  return c ? RISK_FAMILY[c] : undefined
}

interface GoldItem {
  polarity: 'positive' | 'denied'
  category: string
  quote: string
}

function covers(flag: Flag, item: GoldItem, utteranceId: string | undefined, quote: string): boolean {
  return (
    utteranceId !== undefined &&
    flag.evidence.includes(utteranceId) &&
    flag.polarity === item.polarity &&
    flagFamily(flag) === goldFamily(item.category) &&
    overlaps(flag.excerpt, quote)
  )
}

const ratio = (n: number, d: number): number | null => (d === 0 ? null : n / d)

/** Run the detector on one parsed sample and score it. */
export function evaluateCase(sample: Sample, utterances: Utterance[], dictation: boolean): RiskCaseResult {
  const { gold } = sample
  const flags = detectRisk(utterances, gold.group ? { focus: gold.group.note_for } : {})
  const norm = (q: string) => (dictation ? applySpokenPunctuation(q) : q)
  const owner = (quote: string) => utterances.find((u) => u.text.includes(norm(quote)))?.id
  const items: GoldItem[] = [
    ...gold.risk.positive.map((r) => ({
      polarity: 'positive' as const,
      category: r.category,
      quote: r.quote,
    })),
    ...gold.risk.denied.map((r) => ({ polarity: 'denied' as const, category: r.category, quote: r.quote })),
  ]
  const covering = items.map((item) =>
    flags.filter((f) => covers(f, item, owner(item.quote), norm(item.quote))),
  )
  const covered = (polarity: string) =>
    items.filter((it, k) => it.polarity === polarity && covering[k]!.length > 0)
  const exact = items.filter((it, k) => covering[k]!.some((f) => f.kind === `risk.${it.category}`)).length
  const coveredAll = covering.filter((c) => c.length > 0).length
  const trapHits: RiskCaseResult['trapHits'] = []
  for (const f of flags) {
    if (f.polarity !== 'positive') continue
    for (const trap of gold.risk.traps)
      if (overlaps(f.excerpt, norm(trap))) trapHits.push({ trap, excerpt: f.excerpt, kind: f.kind })
  }
  const positives = items.filter((it) => it.polarity === 'positive')
  const unmatched = flags.filter(
    (f) =>
      f.polarity === 'positive' &&
      f.kind !== 'risk.substance_use' &&
      !positives.some((it) => covers(f, it, owner(it.quote), norm(it.quote))),
  )
  return {
    id: sample.id,
    positives: positives.length,
    denials: items.length - positives.length,
    traps: gold.risk.traps.length,
    flags: flags.length,
    positiveRecall: ratio(covered('positive').length, positives.length),
    deniedRecorded: ratio(covered('denied').length, items.length - positives.length),
    trapFalsePositives: trapHits.length,
    unmatchedPositives: unmatched.length,
    categoryExact: ratio(exact, coveredAll),
    missed: items.filter((_, k) => covering[k]!.length === 0),
    trapHits,
  }
}

/** Score the detector on the gold samples: per case and overall. */
export function evaluateRisk(samples: readonly Sample[]): RiskEvaluation {
  const cases = samples.map((s) => {
    const t = parseTranscript(s.bytes)
    return evaluateCase(s, t.utterances, t.format === 'dictation')
  })
  const sum = (f: (c: RiskCaseResult) => number) => cases.reduce((n, c) => n + f(c), 0)
  const coveredPos = sum((c) => (c.positiveRecall ?? 0) * c.positives)
  const coveredDen = sum((c) => (c.deniedRecorded ?? 0) * c.denials)
  const coveredItems = sum((c) => c.positives + c.denials - c.missed.length)
  const exactItems = sum((c) => (c.categoryExact ?? 0) * (c.positives + c.denials - c.missed.length))
  return {
    cases,
    overall: {
      positiveRecall: ratio(
        Math.round(coveredPos),
        sum((c) => c.positives),
      ),
      deniedRecorded: ratio(
        Math.round(coveredDen),
        sum((c) => c.denials),
      ),
      trapFalsePositives: sum((c) => c.trapFalsePositives),
      unmatchedPositives: sum((c) => c.unmatchedPositives),
      categoryExact: ratio(Math.round(exactItems), coveredItems),
    },
  }
}

/** Split CSV text (RFC 4180: quoted fields, doubled quotes, newlines inside quotes) into rows. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += ch
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows
}

export interface CorpusReport {
  transcripts: number
  utterances: number
  positivesPer1000: Partial<Record<RiskCategory, number>>
  positives: Partial<Record<RiskCategory, number>>
  /** Suicide, self-harm, violence and abuse positives, to read by eye. */
  serious: Array<{ transcript: string; kind: string; speaker: string; excerpt: string }>
  /** Utterances with risk words that raised no positive flag, to check the other way round. */
  unflagged: Array<{ transcript: string; speaker: string; text: string }>
}

// Words that make an utterance worth reading when the detector stays silent on it.
const RISK_WORDS =
  /\b(?:kill\w*|die|died|dying|dead|suicid\w*|hurt (?:my|your)self|self-harm|cut(?:ting)? (?:my|your)self|guns?|overdos\w*|punch\w*|beat (?:me|him|her)|hit (?:me|him|her)|abus\w*|better off without)\b/i

/** Run the detector over every distinct AnnoMI utterance (one transcript at a time). */
export function evaluateAnnomi(path = join(CORPORA_DIR, 'annomi', 'AnnoMI-full-even.csv')): CorpusReport {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8')).filter((r) => r.length > 1)
  const col = (name: string) => header!.indexOf(name)
  const [tid, uid, who, text] = ['transcript_id', 'utterance_id', 'interlocutor', 'utterance_text'].map(col)
  // The file repeats an utterance once per annotator: keep one row per (transcript, utterance).
  const byTranscript = new Map<string, Map<number, { who: string; text: string }>>()
  for (const r of rows) {
    const t = r[tid!]!
    const m = byTranscript.get(t) ?? new Map()
    m.set(Number(r[uid!]), { who: r[who!]!, text: r[text!]! })
    byTranscript.set(t, m)
  }
  const positives: Partial<Record<RiskCategory, number>> = {}
  const serious: CorpusReport['serious'] = []
  const unflagged: CorpusReport['unflagged'] = []
  let utterances = 0
  for (const [t, m] of byTranscript) {
    const list: Utterance[] = [...m.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([, v], k) => ({
        id: `u${k + 1}`,
        speaker: v.who,
        role: v.who === 'therapist' ? 'clinician' : 'client',
        start: null,
        end: null,
        text: v.text,
        line: k + 1,
      }))
    utterances += list.length
    const found = detectRisk(list)
    for (const u of list)
      if (
        RISK_WORDS.test(u.text) &&
        !found.some((f) => f.polarity === 'positive' && f.evidence.includes(u.id))
      )
        unflagged.push({ transcript: t, speaker: u.speaker, text: u.text })
    for (const f of found) {
      if (f.polarity !== 'positive') continue
      const c = categoryOfKind(f.kind)!
      positives[c] = (positives[c] ?? 0) + 1
      if (['suicide', 'self_harm', 'violence', 'abuse'].includes(RISK_FAMILY[c]))
        serious.push({
          transcript: t,
          kind: f.kind,
          speaker: f.speaker ?? f.subject ?? '',
          excerpt: f.excerpt,
        })
    }
  }
  const positivesPer1000 = Object.fromEntries(
    Object.entries(positives).map(([c, n]) => [c, Math.round((n / utterances) * 10000) / 10]),
  ) as Partial<Record<RiskCategory, number>>
  return { transcripts: byTranscript.size, utterances, positives, positivesPer1000, serious, unflagged }
}

const fmt = (x: number | null) => (x === null ? '   -' : x.toFixed(2).padStart(4))

/** Print the sample table and the AnnoMI figures. */
export function main(): RiskEvaluation {
  const result = evaluateRisk(loadSamples())
  console.log('case  pos  den  traps flags | posRecall denied trapFP unmatched catExact')
  for (const c of result.cases) {
    console.log(
      `${c.id}  ${String(c.positives).padStart(3)}  ${String(c.denials).padStart(3)}  ${String(c.traps).padStart(5)} ${String(c.flags).padStart(5)} |      ${fmt(c.positiveRecall)}   ${fmt(c.deniedRecorded)}  ${String(c.trapFalsePositives).padStart(5)}  ${String(c.unmatchedPositives).padStart(8)}     ${fmt(c.categoryExact)}`,
    )
    for (const m of c.missed) console.log(`      missed ${m.polarity} ${m.category}: ${m.quote}`)
    for (const h of c.trapHits) console.log(`      TRAP ${h.kind}: ${h.trap}`)
  }
  const o = result.overall
  console.log(
    `all   positiveRecall ${fmt(o.positiveRecall)}  deniedRecorded ${fmt(o.deniedRecorded)}  trapFalsePositives ${o.trapFalsePositives}  unmatchedPositives ${o.unmatchedPositives}  categoryExact ${fmt(o.categoryExact)}`,
  )
  try {
    const annomi = evaluateAnnomi()
    console.log(
      `\nAnnoMI (Wu et al. 2022; even transcripts): ${annomi.transcripts} transcripts, ${annomi.utterances} distinct utterances`,
    )
    for (const [c, v] of Object.entries(annomi.positivesPer1000).sort((a, b) => b[1] - a[1]))
      console.log(
        `  ${c.padEnd(20)} ${String(annomi.positives[c as RiskCategory]).padStart(4)} positive flags  ${v} per 1,000 utterances`,
      )
    console.log('  suicide / self-harm / violence / abuse positives, to read:')
    for (const s of annomi.serious)
      console.log(`    [${s.transcript}] ${s.kind} (${s.speaker}): ${s.excerpt}`)
    if (annomi.serious.length === 0) console.log('    (none)')
    console.log(`  utterances with risk words and no positive flag (${annomi.unflagged.length}), to read:`)
    for (const s of annomi.unflagged)
      console.log(`    [${s.transcript}] (${s.speaker}) ${s.text.slice(0, 160)}`)
  } catch (err) {
    console.log(`\nAnnoMI not available: ${(err as Error).message}`)
  }
  return result
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main()
