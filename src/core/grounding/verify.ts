import type { Draft, Flag, Statement, StatementStatus } from '../drafting/draft.schema.js'
import type { Transcript } from '../transcript/utterance.js'
import { analyseText, type TextAnalysis } from './analyse.js'
import { checkAttribution, type EvidenceSpeaker, parseAttribution } from './attribution.js'
import { type EvidenceIndex, type EvidenceOptions, indexEvidence } from './evidence.js'
import { checkDiagnoses, checkMedications } from './medications.js'
import { checkNegation, countPolarity, type PolarityText } from './negation.js'
import { checkNumbers } from './numbers.js'
import { findOmissions } from './omissions.js'
import { measureOverlap } from './overlap.js'
import { checkQuotes } from './quotes.js'
import { TEMPLATE_WORDS } from './vocabulary.js'

/**
 * Minimum weighted share of a statement's content found in its evidence (also per clause).
 * Measured on the samples with scripts/eval/fabrication.ts; see README.md.
 */
export const SUPPORT_THRESHOLD = 0.4

/** A contradiction (number, unit, negation, speaker, medication) caps support here, below any threshold. */
export const CONTRADICTION_CAP = 0.25

/** Options of verifyDraft and verifyStatement. */
export interface VerifyOptions {
  /** Speaker labels of the client, when roles alone do not say (a group note is for one member). */
  clientLabels?: readonly string[] | undefined
  /** Risk flags for omission detection; default: the draft's own `risk.*` flags. */
  riskFlags?: readonly Flag[] | undefined
  threshold?: number | undefined
}

function flatten(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

function isQuoted(statement: string, evidence: readonly TextAnalysis[]): boolean {
  const s = flatten(statement)
  return s.length > 0 && evidence.some((e) => flatten(e.text).includes(s))
}

function round(x: number): number {
  return Math.round(x * 100) / 100
}

function unsupported(statement: Statement, reasons: string[], support = 0): Statement {
  return { ...statement, support: round(support), status: 'unsupported', reasons }
}

/** Check one statement against its evidence; the index is built once per transcript (see indexEvidence). */
export function verifyStatement(
  statement: Statement,
  evidence: EvidenceIndex,
  options: Pick<VerifyOptions, 'threshold'> = {},
): Statement {
  const threshold = options.threshold ?? SUPPORT_THRESHOLD
  if (statement.evidence.length === 0) return unsupported(statement, ['no evidence'])
  const reasons: string[] = []
  const texts: PolarityText[] = []
  const speakers: EvidenceSpeaker[] = []
  const seenFlags = new Set<Flag>()
  let utterances = 0
  for (const id of new Set(statement.evidence)) {
    const a = evidence.analysis(id)
    if (a === undefined) {
      reasons.push(`unknown evidence id ${id}`)
      continue
    }
    texts.push({ analysis: a })
    const u = evidence.utterance(id)
    if (u === undefined) continue
    utterances++
    speakers.push({ label: u.speaker, role: u.role })
    const q = evidence.question(id)
    if (q) texts.push({ analysis: q.analysis, answer: q.answer })
    // The risk detector's reading of this utterance lets the note name the category it found
    // ("denied suicidal thoughts"), with the flag's polarity.
    for (const { flag, label } of evidence.flags(id)) {
      if (seenFlags.has(flag)) continue
      seenFlags.add(flag)
      texts.push({ analysis: label, answer: flag.polarity === 'denied' ? 'no' : 'yes' })
    }
  }
  if (texts.length === 0) return unsupported(statement, reasons)

  const own = analyseText(statement.text)
  const attribution = parseAttribution(own.words, evidence.directory)
  const body = own.words
    .slice(attribution.bodyStart)
    .filter((w) => !TEMPLATE_WORDS.has(w.norm) && !TEMPLATE_WORDS.has(w.norm.replace(/'s$/, '')))
  const pool = new Set<string>()
  for (const t of texts) for (const s of t.analysis.stems) pool.add(s)
  for (const sp of speakers) if (sp.label) for (const s of evidence.speakerStems(sp.label)) pool.add(s)
  const overlap = measureOverlap(body, pool, evidence.weight)
  let support = Math.min(overlap.coverage, overlap.weakestClause)
  if (support < threshold) {
    const words = overlap.missing.slice(0, 3).map((w) => `"${w}"`)
    reasons.push(
      `low overlap with evidence (${round(support)})${words.length ? `: ${words.join(', ')} not found` : ''}`,
    )
  }
  const analyses = texts.map((t) => t.analysis)
  const contradictions = [
    ...checkNumbers(own, analyses),
    ...checkMedications(own, analyses),
    ...checkDiagnoses(own, analyses),
    ...checkNegation(
      body,
      countPolarity(texts),
      texts.some((t) => t.analysis.hasNegation || t.answer === 'no'),
    ),
    ...checkQuotes(own.text, analyses),
    // A sentence quoted from its evidence says what was said, whoever it names as saying it.
    ...(isQuoted(own.text, analyses) ? [] : checkAttribution(attribution, speakers, evidence.directory)),
  ]
  if (contradictions.length > 0) support = Math.min(support, CONTRADICTION_CAP)
  reasons.push(...contradictions)
  const status: StatementStatus =
    reasons.length > 0 ? 'unsupported' : utterances === 0 ? 'clinician-input' : 'supported'
  return { ...statement, support: round(support), status, reasons }
}

/**
 * Recompute status, support and reasons for every statement of a draft, whoever wrote it, and
 * list what the draft leaves out (omissions). The draft keeps its shape.
 */
export function verifyDraft(draft: Draft, transcript: Transcript, options: VerifyOptions = {}): Draft {
  const riskFlags = options.riskFlags ?? (draft.flags ?? []).filter((f) => f.kind.startsWith('risk.'))
  const evidenceOptions: EvidenceOptions = {
    clinicianInput: draft.clinicianInput,
    clientLabels: options.clientLabels,
    riskFlags,
  }
  const index = indexEvidence(transcript, evidenceOptions)
  const sections = draft.sections.map((section) => ({
    ...section,
    statements: section.statements.map((s) => verifyStatement(s, index, options)),
  }))
  const verified: Draft = { ...draft, sections }
  return { ...verified, omissions: findOmissions(verified, transcript, [...riskFlags], index) }
}
