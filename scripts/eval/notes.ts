/**
 * Note quality on the gold samples, through the CLI contract: for each sample the harness runs
 * `sidenote draft FILE --format F --json` (in process, same code path and output as the command
 * line), validates the JSON against the Draft contract and scores it with the samples' rules:
 * fact, intervention and plan recall (keyword rule), forbidden-pattern hits (plus verbatim
 * dictation artifacts and, for the group note, names of other members), CPT accuracy, evidence
 * coverage, verifier status of the engine's own statements, and words per note.
 */

import { main } from '../../src/cli/main.js'
import { Draft } from '../../src/core/drafting/draft.schema.js'
import { countWords, extractNumbers, normalizeText, stem, tokenize } from '../../src/core/text/index.js'
import { goldRegex, keywordsPresent, type Sample } from '../../test/support/samples.js'
import { formatForService } from './formats.js'

export interface NoteCaseResult {
  id: string
  format: string
  words: number
  minutes: number | null
  facts: [number, number]
  interventions: [number, number]
  plan: [number, number]
  forbiddenHits: string[]
  cpt: { suggested: string | null; expected: string | null; correct: boolean }
  statements: number
  withEvidence: number
  unsupported: number
}

/**
 * A text as a sequence of comparable tokens: every word Porter-stemmed ("suicidal" and "suicide"
 * both become "suicid", "nightmares" "nightmar"), every number its value ("six", "6" → "#6").
 */
function wordForms(text: string): string[] {
  const norm = normalizeText(text)
  const numbers = extractNumbers(norm)
  const out: string[] = []
  let n = 0
  for (const t of tokenize(norm)) {
    while (n < numbers.length && numbers[n]!.end <= t.start) n++
    const num = numbers[n]
    if (num && t.start >= num.start && t.end <= num.end) {
      if (t.start === num.start) out.push(`#${num.value}`)
      continue
    }
    out.push(stem(t.norm))
  }
  return out
}

/** True when `needle` occurs in `hay` as a contiguous run. */
function containsRun(hay: string[], needle: string[]): boolean {
  if (needle.length === 0) return false
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let k = 0; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer
    return true
  }
  return false
}

/**
 * The recall judge: the samples' keyword rule (one `any_of` keyword and, if given, one
 * `also_any_of` keyword), where a keyword counts when it occurs as a case-insensitive substring
 * (the rule as written) or as the same words in another inflection or number form: the note's and
 * the keyword's words are compared Porter-stemmed, numbers by value, as a contiguous run of whole
 * words. So "denied suicidal thoughts" carries the keyword "suicide" and "6 hours" carries
 * "six hours"; a different word or a different number never counts.
 */
export function itemPresent(
  text: string,
  item: { any_of: string[]; also_any_of?: string[] | undefined },
): boolean {
  if (keywordsPresent(text, item)) return true
  const lower = text.toLowerCase()
  const forms = wordForms(text)
  const hit = (list: string[]) =>
    list.some((k) => lower.includes(k.toLowerCase()) || containsRun(forms, wordForms(k)))
  return (
    hit(item.any_of) &&
    (item.also_any_of === undefined || item.also_any_of.length === 0 || hit(item.also_any_of))
  )
}

/** Run the CLI's draft command in process and return the parsed, validated JSON. */
export async function draftViaCli(args: string[]): Promise<Draft> {
  let out = ''
  let err = ''
  const code = await main(['draft', ...args, '--json'], { out: (t) => (out += t), err: (t) => (err += t) })
  if (code !== 0) throw new Error(`sidenote draft exited ${code}: ${err.trim()}`)
  return Draft.parse(JSON.parse(out))
}

/** All statement texts of a draft, one per line. */
export function noteText(draft: Draft): string {
  return draft.sections.flatMap((s) => s.statements.map((st) => st.text)).join('\n')
}

export async function evaluateNote(
  sample: Sample,
  format = formatForService(sample.gold.session.service),
): Promise<NoteCaseResult> {
  const { gold } = sample
  const args = [sample.path, '--format', format]
  if (gold.group) args.push('--member', gold.group.note_for)
  const draft = await draftViaCli(args)
  const text = noteText(draft)
  const hits = (items: { any_of: string[]; also_any_of?: string[] | undefined }[]): [number, number] => [
    items.filter((i) => itemPresent(text, i)).length,
    items.length,
  ]
  const forbiddenHits = [
    ...gold.forbidden.flatMap((f) => f.patterns),
    ...(gold.verbatim_artifacts ?? []).flatMap((f) => f.patterns),
  ].filter((p) => goldRegex(p).test(text))
  for (const name of gold.group?.do_not_name ?? [])
    if (
      new RegExp(`(?<![A-Za-z0-9])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9])`).test(text)
    )
      forbiddenHits.push(`names ${name}`)
  const statements = draft.sections.flatMap((s) => s.statements)
  const ids = new Set(Array.from({ length: draft.transcript.utterances }, (_, i) => `u${i + 1}`))
  const suggested = draft.billing?.suggested[0] ?? null
  return {
    id: sample.id,
    format,
    words: countWords(text),
    minutes: draft.transcript.minutes,
    facts: hits(gold.facts),
    interventions: hits(gold.interventions),
    plan: hits(gold.plan),
    forbiddenHits,
    cpt: { suggested, expected: gold.expected_cpt, correct: suggested === gold.expected_cpt },
    statements: statements.length,
    withEvidence: statements.filter((s) => s.evidence.length > 0 && s.evidence.every((e) => ids.has(e)))
      .length,
    unsupported: statements.filter((s) => s.status === 'unsupported').length,
  }
}

/** Sum [hit, total] pairs into a rate. */
export function rate(pairs: [number, number][]): number {
  const total = pairs.reduce((n, p) => n + p[1], 0)
  return total === 0 ? 0 : pairs.reduce((n, p) => n + p[0], 0) / total
}
