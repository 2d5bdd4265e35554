import { countWords, escapeRegExp } from '../text/index.js'
import type { Transcript } from '../transcript/utterance.js'
import { isClinicianSide } from '../transcript/utterance.js'
import { categorize, closingIndex, interventionIndex } from './classify.js'
import { conceptProbabilities } from './concepts.js'
import type { Draft, Flag, NoteFormat, Section, Statement } from './draft.schema.js'
import { FORMATS, NOT_ADDRESSED } from './formats.js'
import { secondToThird } from './person.js'
import {
  finishSentence,
  realizeAnswer,
  realizeClinician,
  realizeDictation,
  realizeReport,
  type Voices,
} from './realize.js'
import { riskStatements } from './risk-statements.js'
import { CONCEPT_LENGTH_EXP, compress, type SessionContext, salience, stemFrequencies } from './salience.js'
import { segmentTopics } from './segment.js'
import { type SessionSentence, sessionNames, sessionSentences } from './sentences.js'
import { buildAnswerUnits, buildUnits, stemsByUtterance, type Unit, unitView } from './units.js'
import { sameMember, voicesFor } from './voices.js'

/**
 * Knobs of the selection, with the values measured best on the sample sessions (see
 * scripts/eval.ts). Exposed so that evaluation can vary them; the engine never reads the environment.
 */
export interface SelectionTuning {
  /** Exponent on a unit's concept gain. */
  conceptGain: number
  /** Exponent on the unit salience model's probability (0 ignores the model). */
  unitSalience: number
  /** Exponent of the penalty for picking again from a topic segment already used. */
  segmentCrowding: number
  /** Share of a concept's weight that counts again once the note already covers it. */
  repeatCredit: number
  /** Minimum concept gain for a unit to be considered. */
  minGain: number
  /** A unit must be worth this fraction of the typical good statement to be picked. */
  floorFraction: number
  /** How many statements deep (× budget/14) the typical good statement is taken. */
  floorDepth: number
  /** Longest statement, in words, before compression. */
  maxUnitWords: number
  /** Words of note per topic segment. */
  wordsPerSegment: number
  /** Factor on each section's share of the budget in the first selection pass. */
  shareScale: number
}

export const DEFAULT_TUNING: SelectionTuning = Object.freeze({
  conceptGain: 1,
  unitSalience: 0,
  segmentCrowding: 0.5,
  repeatCredit: 0,
  minGain: 0.05,
  floorFraction: 0.1,
  floorDepth: 2,
  maxUnitWords: 26,
  wordsPerSegment: 24,
  shareScale: 0.5,
})
const SECOND_PERSON = /\b(?:you|your|yours|yourself|you're|you've|you'll|you'd)\b/i

export const EMBEDDED_ENGINE = { name: 'embedded', version: '1.0.0' } as const

export interface EmbeddedDraftOptions {
  format: NoteFormat
  /** Group notes: the speaker label of the member the note is for. */
  member?: string
  /** Risk flags for this session (from the risk detector); they become risk statements. */
  riskFlags?: Flag[]
  /** Upper bound on the note's length in words; by default it scales with the session length. */
  maxWords?: number
  /** Salience weights (for fitting only; the fitted WEIGHTS by default). */
  weights?: readonly number[]
  /** Concept model weights (for fitting only; the fitted CONCEPT_WEIGHTS by default). */
  conceptWeights?: readonly number[]
  /** Concept probabilities to use instead of the model's (for measuring the selection alone). */
  conceptOverride?: Map<string, number>
  /** Selection knobs (evaluation only). */
  tuning?: Partial<SelectionTuning>
}

/** Word budget: longer sessions get longer notes, within what a reviewer reads in a few minutes. */
export function wordBudget(
  format: NoteFormat,
  minutes: number | null,
  sourceWords: number,
  dictation: boolean,
): number {
  if (dictation) return Math.min(420, Math.max(120, Math.round(sourceWords * 1.15)))
  const m = minutes ?? 50
  const wide = format === 'group' || format === 'intake' || format === 'supervision' || format === 'family'
  // A 50-minute individual session gets at most 430 words; shorter sessions are often as dense.
  const cap = wide ? 480 : 430
  return Math.round(Math.min(cap, Math.max(300, 250 + 3.5 * m), Math.max(120, sourceWords * 0.45)))
}

function realizeUnit(
  unit: Unit,
  voices: Voices,
  dictation: boolean,
  maxWords: number,
  concepts: Map<string, number>,
): string {
  if (unit.agreedTo) {
    const name = voices.nameOf(unit.speaker)
    return finishSentence(
      `${name} agreed to ${secondToThird(unit.agreedTo, { addressee: 'them', capitalize: false })}`,
    )
  }
  if (unit.question) {
    const answer = compress(unit.source, 16, concepts)
    return finishSentence(
      realizeAnswer(
        unit.question.clean,
        answer,
        voices.nameOf(unit.speaker),
        voices.addressee,
        voices.isName,
      ),
    )
  }
  const text = compress(unit.source, maxWords, concepts)
  if (dictation) return finishSentence(realizeDictation(text))
  if (unit.clinicianSide)
    return finishSentence(
      realizeClinician(text, voices.selfOf(unit.speaker), voices.addressee, unit.category, voices.isName),
    )
  return finishSentence(realizeReport(text, voices.nameOf(unit.speaker), unit.category, voices.isName))
}

/** Words a unit will take in the note, estimated from its source before it is realized. */
function estimateWords(unit: Unit, maxWords: number): number {
  if (unit.question) return Math.min(16, countWords(unit.source)) + unit.question.words + 4
  const words = Math.min(
    maxWords,
    unit.sentences.reduce((n, s) => n + s.words, 0),
  )
  // "I want you to …" becomes "Clinician wants client to …"; everything else gets a lead
  // ("Client reported …", "Clinician explained that …").
  if (unit.clinicianSide) return words + (/^I\b/.test(unit.source) ? 0 : 3)
  return words + 2
}

/** The session cut into candidate units, with everything selection needs. Exported for the salience fit. */
export function prepareUnits(transcript: Transcript, options: EmbeddedDraftOptions) {
  const { format } = options
  const dictation = transcript.format === 'dictation'
  const all = sessionSentences(transcript)
  const memberLabels = new Set(
    format === 'group' && options.member
      ? transcript.speakers.filter((s) => sameMember(s.label, options.member!)).map((s) => s.label)
      : [],
  )
  // In a group, whom a facilitator's "you" means is the member who spoke last: a sentence that
  // addresses another member never enters this member's note (it would become "Client ...").
  const lastMemberBefore: string[] = []
  let lastMember = ''
  for (const u of transcript.utterances) {
    lastMemberBefore.push(lastMember)
    if (!isClinicianSide(u.role)) lastMember = u.speaker
  }
  const addressesOther = (s: SessionSentence) =>
    SECOND_PERSON.test(s.clean) && !memberLabels.has(lastMemberBefore[s.utteranceIndex] ?? '')
  const inNote = (s: SessionSentence) =>
    format !== 'group' ||
    memberLabels.size === 0 ||
    memberLabels.has(s.speaker) ||
    (s.clinicianSide && !addressesOther(s))
  const sentences = all.filter(inNote)

  const ctx = {
    format,
    dictation,
    closingFrom: closingIndex(sentences, transcript.utterances.length),
    lastIntervention: interventionIndex(sentences, transcript.utterances.length),
  }
  const categories = sentences.map((s, i) => categorize(s, ctx, sentences[i - 1]))
  const df = stemFrequencies(all)

  let sourceWords = 0
  for (const u of transcript.utterances) sourceWords += countWords(u.text)
  const budget = options.maxWords ?? wordBudget(format, transcript.minutes, sourceWords, dictation)
  const names = sessionNames(all)
  const voices: Voices = { ...voicesFor(transcript, format, options.member), isName: (w) => names.has(w) }

  const units = buildUnits(sentences, categories)
  if (!dictation) units.push(...buildAnswerUnits(transcript, sentences, categories, inNote))
  const tuning = { ...DEFAULT_TUNING, ...options.tuning }
  const segmentsWanted = Math.max(2, Math.round(budget / tuning.wordsPerSegment))
  const segments = segmentTopics(sentences, transcript.utterances.length, segmentsWanted)
  const maxUnitWords = dictation ? 80 : tuning.maxUnitWords
  const stemIndex = stemsByUtterance(all)
  const concepts = options.conceptOverride ?? conceptProbabilities(all, options.conceptWeights)
  // Utterances that follow a clinician's question, and the question's stems.
  const askedStems = new Map<number, Set<string>>()
  for (const s of all)
    if (s.clinicianSide && s.question) {
      const set = askedStems.get(s.utteranceIndex + 1) ?? new Set<string>()
      for (const st of s.stems) set.add(st)
      askedStems.set(s.utteranceIndex + 1, set)
    }
  const asked = new Set(askedStems.keys())
  const recapStems = new Set<string>()
  for (const s of all)
    if (s.clinicianSide && s.utteranceIndex >= ctx.closingFrom) for (const st of s.stems) recapStems.add(st)
  const session: SessionContext = { df, concepts, stemsByUtterance: stemIndex, askedStems, recapStems }
  units.forEach((unit, i) => {
    unit.index = i
    const utteranceIndex = unit.question?.utteranceIndex ?? unit.sentences[0]!.utteranceIndex
    unit.segment = segments[utteranceIndex] ?? 0
    const stems = new Set<string>()
    for (const s of unit.sentences) for (const st of s.stems) stems.add(st)
    if (unit.question) for (const st of unit.question.stems) stems.add(st)
    unit.stems = stems
    unit.words = estimateWords(unit, maxUnitWords)
    // The unit model only matters when selection weighs it (see SelectionTuning.unitSalience).
    const value = tuning.unitSalience !== 0 ? salience(unitView(unit, asked), session, options.weights) : 0
    unit.salience = value
    unit.score = dictation ? 1000 - i : value / (unit.words + 6) ** 0.55
  })
  /** Rewrite a unit for the note (once); its word count becomes exact. */
  const realize = (unit: Unit) => {
    if (unit.text) return unit
    unit.text = realizeUnit(unit, voices, dictation, maxUnitWords, concepts)
    unit.words = countWords(unit.text)
    return unit
  }
  return {
    units,
    df,
    budget,
    voices,
    memberLabels,
    dictation,
    stemIndex,
    concepts,
    asked,
    tuning,
    session,
    realize,
  }
}

/**
 * The embedded drafting engine: deterministic, in-process, no model. It selects the most
 * informative sentences (and question-answer pairs) of the session for each section, spread over
 * the session's topics, rewrites them in the third person, and cites the utterances each statement
 * came from. It never adds a fact the session does not contain.
 */
export function draftWithEmbeddedEngine(transcript: Transcript, options: EmbeddedDraftOptions): Draft {
  const { format } = options
  const { units, budget, voices, memberLabels, concepts, tuning, realize } = prepareUnits(transcript, options)
  const spec = FORMATS[format]
  const otherMembers = transcript.speakers.filter(
    (s) => s.role === 'group-member' && !memberLabels.has(s.label),
  )

  const focusFlags = (options.riskFlags ?? []).filter((f) => {
    if (format !== 'group' || memberLabels.size === 0) return true
    return !f.speaker || memberLabels.has(f.speaker) || f.subject === 'third-party'
  })
  const speakerById = new Map(transcript.utterances.map((u) => [u.id, u.speaker]))
  const risk = riskStatements(focusFlags, voices, (id) => speakerById.get(id))
  const riskWords = risk.reduce((n, s) => n + countWords(s.text), 0)
  const riskSection = spec.sections.find((s) => s.categories.includes('risk'))

  // Greedy selection: best information per word first, spread over the session's topics, no
  // repeats. Each section first fills its share of the budget; the rest goes to the best remaining.
  const total = Math.max(60, budget - riskWords)
  const sectionOf = new Map<Unit, string>()
  for (const unit of units) {
    const sec = spec.sections.find((x) => x.categories.includes(unit.category))
    if (sec) sectionOf.set(unit, sec.key)
  }
  const conceptWeight = (stem: string) => concepts.get(stem) ?? 0
  // Candidates with a section, each with its stems and their concept weights (looked up once).
  const candidates = units.filter((u) => sectionOf.has(u))
  const keyOf = candidates.map((u) => sectionOf.get(u)!)
  const stemsOf = candidates.map((u) => [...u.stems])
  const weightsOf = stemsOf.map((list) => Float64Array.from(list, conceptWeight))
  const state = new Uint8Array(candidates.length) // 0 open, 1 chosen, 2 passed over
  const used = new Map<string, number>()
  const perSegment = new Map<number, number>()
  const covered = new Set<string>()
  const chosen: Unit[] = []
  // A sentence is said once in the note, whichever unit (alone, paired, as an answer) carries it.
  const usedSentences = new Set<number>()
  const overlapsChosen = (unit: Unit) => unit.sentences.some((x) => usedSentences.has(x.index))
  let totalUsed = 0
  const value = (unit: Unit, gain: number) => {
    const crowd = perSegment.get(unit.segment) ?? 0
    return (
      ((gain ** tuning.conceptGain * (0.05 + unit.salience) ** tuning.unitSalience) /
        (unit.words + 4) ** CONCEPT_LENGTH_EXP) *
      (1 / (1 + crowd)) ** tuning.segmentCrowding
    )
  }
  // A unit must be worth about as much as the typical statement of a good note to be picked at all:
  // a section with nothing good says "Not addressed" rather than holding filler.
  const bound = Float64Array.from(candidates, (u, i) =>
    value(
      u,
      weightsOf[i]!.reduce((g, w) => g + w, 0),
    ),
  )
  const standalone = [...bound].sort((a, b) => b - a)
  const floor =
    (standalone[Math.min(standalone.length - 1, Math.round((total / 14) * tuning.floorDepth))] ?? 0) *
    tuning.floorFraction
  const fits = (key: string, words: number, limitOf: (key: string) => number) =>
    (used.get(key) ?? 0) + words <= limitOf(key) && totalUsed + words <= total
  const gainOf = (i: number) => {
    const stems = stemsOf[i]!
    const weights = weightsOf[i]!
    let gain = 0
    for (let k = 0; k < stems.length; k++)
      gain += weights[k]! * (covered.has(stems[k]!) ? tuning.repeatCredit : 1)
    return gain
  }
  // Lazy greedy: a unit's value only falls as the note grows (its concepts get covered, its
  // segment fills), so a stale value is an upper bound and most units are never re-scored. The
  // pick is the same as scoring every unit each round (ties go to the earlier unit).
  const pick = (limitOf: (key: string) => number) => {
    const heap = new CandidateHeap(bound)
    for (let i = 0; i < candidates.length; i++) if (state[i] === 0) heap.push(i)
    for (;;) {
      const i = heap.pop()
      if (i === undefined || bound[i]! <= floor) return
      const unit = candidates[i]!
      if (overlapsChosen(unit)) {
        state[i] = 2
        continue
      }
      // Too long for what is left of this pass's limits: out for this pass only.
      if (!fits(keyOf[i]!, unit.words, limitOf)) continue
      const gain = gainOf(i)
      if (gain <= tuning.minGain) {
        state[i] = 2
        continue
      }
      const current = value(unit, gain)
      const next = heap.peek()
      if (next !== undefined && (current < bound[next]! || (current === bound[next]! && next < i))) {
        bound[i] = current
        heap.push(i)
        continue
      }
      bound[i] = current
      if (current <= floor) return
      const key = keyOf[i]!
      // Realize the winner only now; if its statement came out longer than estimated and no
      // longer fits, it is passed over.
      const estimated = unit.words
      realize(unit)
      if (unit.words > estimated && !fits(key, unit.words, limitOf)) {
        state[i] = 2
        continue
      }
      state[i] = 1
      chosen.push(unit)
      for (const sentence of unit.sentences) usedSentences.add(sentence.index)
      used.set(key, (used.get(key) ?? 0) + unit.words)
      totalUsed += unit.words
      perSegment.set(unit.segment, (perSegment.get(unit.segment) ?? 0) + 1)
      for (const st of stemsOf[i]!) covered.add(st)
    }
  }
  const shareOf = new Map(spec.sections.map((sec) => [sec.key, sec.share * total * tuning.shareScale]))
  pick((key) => shareOf.get(key) ?? 0)
  pick(() => total)

  // Names of other group members never appear in a member's note.
  const otherNames = otherMembers.flatMap((sp) =>
    sp.label
      .replace(/\(.*?\)/g, '')
      .split(/[\s,]+/)
      .filter((w) => /^\p{Lu}/u.test(w) && w.length > 1)
      .map((w) => w.replace(/['’]s$/, '')),
  )
  const escaped = [...new Set(otherNames)].map(escapeRegExp)
  const otherNamesRe =
    escaped.length > 0
      ? new RegExp(`(?<![\\p{L}])(?:${escaped.join('|')})(?:['’]s)?(?![\\p{L}])`, 'gu')
      : undefined
  const anonymize = (text: string) => (otherNamesRe ? text.replace(otherNamesRe, 'another member') : text)

  const assemble = (picks: Unit[]): Section[] =>
    spec.sections.map((sec) => {
      const picked = picks
        .filter((u) => sectionOf.get(u) === sec.key)
        .sort((a, b) => firstIndex(a) - firstIndex(b))
      const statements: Statement[] = mergeReports(
        picked.map((u) => ({
          text: anonymize(u.text),
          evidence: u.question ? [u.question.utteranceId, u.utteranceId] : [u.utteranceId],
          at: (u.sentences[0] ?? u.question)?.utteranceIndex ?? 0,
        })),
      )
      if (sec === riskSection) statements.push(...risk.map((st) => ({ ...st, text: anonymize(st.text) })))
      return statements.length > 0
        ? { key: sec.key, title: sec.title, statements }
        : { key: sec.key, title: sec.title, statements, note: NOT_ADDRESSED }
    })
  const noteWords = (secs: Section[]) =>
    secs.reduce((n, sec) => n + sec.statements.reduce((m, st) => m + countWords(st.text), 0), 0)
  // Statements merged under one lead ("Client reported that A; B.") free words: spend them on
  // more of the best remaining units, then give back the latest picks if the note ran over.
  let sections = assemble(chosen)
  const saved = totalUsed + riskWords - noteWords(sections)
  if (saved > 0) {
    const before = chosen.length
    totalUsed -= saved
    pick(() => total)
    if (chosen.length > before) sections = assemble(chosen)
    while (noteWords(sections) > budget && chosen.length > before) {
      chosen.pop()
      sections = assemble(chosen)
    }
  }

  const warnings: string[] = []
  if (format === 'group' && !options.member)
    warnings.push(
      'No member chosen for the group note: member sections include every member; choose one with --member.',
    )
  if (format === 'group' && options.member && memberLabels.size === 0)
    warnings.push('The chosen member does not speak in this transcript.')
  if (transcript.speakers.every((s) => !isClinicianSide(s.role)))
    warnings.push('No clinician was identified among the speakers; set roles with --roles.')

  return {
    format,
    engine: { ...EMBEDDED_ENGINE },
    transcript: {
      utterances: transcript.utterances.length,
      minutes: transcript.minutes,
      speakers: transcript.speakers.map((s) => ({ label: s.label, role: s.role })),
    },
    sections,
    flags: focusFlags,
    warnings,
  }
}

/** A max-heap of candidate indices by their value bound (ties: the lower index first). */
class CandidateHeap {
  private readonly items: number[] = []
  constructor(private readonly bound: Float64Array) {}

  private above(a: number, b: number): boolean {
    const x = this.bound[a]!
    const y = this.bound[b]!
    return x > y || (x === y && a < b)
  }

  push(i: number): void {
    const items = this.items
    items.push(i)
    let k = items.length - 1
    while (k > 0) {
      const parent = (k - 1) >> 1
      if (!this.above(items[k]!, items[parent]!)) break
      ;[items[k], items[parent]] = [items[parent]!, items[k]!]
      k = parent
    }
  }

  peek(): number | undefined {
    return this.items[0]
  }

  pop(): number | undefined {
    const items = this.items
    const top = items[0]
    const last = items.pop()
    if (items.length === 0 || last === undefined) return top
    items[0] = last
    let k = 0
    for (;;) {
      const l = 2 * k + 1
      const r = l + 1
      let best = k
      if (l < items.length && this.above(items[l]!, items[best]!)) best = l
      if (r < items.length && this.above(items[r]!, items[best]!)) best = r
      if (best === k) break
      ;[items[k], items[best]] = [items[best]!, items[k]!]
      k = best
    }
    return top
  }
}

const LEAD =
  /^((?:Client|Clinician|Supervisee|Supervisor|Prescriber|Another member|[A-Z][\p{L}'’-]+(?: [A-Z][\p{L}'’-]+)?) (?:reported|explained|stated|said:)(?: that)?) (.+)$/u
const MAX_MERGED = 3
/** Most utterances apart two merged statements may be. */
const MERGE_GAP = 8

/**
 * Consecutive statements with the same lead ("Client reported that ...") become one statement
 * citing the evidence of each: "Client reported that A; B." The words are the speakers' own, so
 * nothing is added; the note only stops repeating who said it.
 */
function mergeReports(statements: (Statement & { at: number })[]): Statement[] {
  const out: Statement[] = []
  let lead = ''
  let merged = 0
  let lastAt = -1
  for (const { at, ...st } of statements) {
    const m = LEAD.exec(st.text)
    const prev = out.at(-1)
    // Only statements said close together: one stretch of talk, one statement.
    if (m && prev && m[1] === lead && merged < MAX_MERGED && at - lastAt <= MERGE_GAP) {
      prev.text = `${prev.text.replace(/[.!]$/, '')}; ${m[2]}`
      prev.evidence = [...new Set([...prev.evidence, ...st.evidence])]
      merged++
      lastAt = at
      continue
    }
    lead = m?.[1] ?? ''
    merged = 1
    lastAt = at
    out.push({ ...st })
  }
  return out
}

function firstIndex(unit: Unit): number {
  return unit.question?.index ?? unit.sentences[0]?.index ?? 0
}
