import type { Draft, Flag, Omission } from '../drafting/draft.schema.js'
import { findMeasures } from '../lexicon/index.js'
import { splitSentences, stem } from '../text/index.js'
import { isClinicianSide, type Transcript, type Utterance } from '../transcript/utterance.js'
import { analyseText, medicationsIn, quantitiesOf, type TextAnalysis } from './analyse.js'
import { type EvidenceIndex, indexEvidence } from './evidence.js'
import { findStem } from './overlap.js'
import { table } from './vocabulary.js'

/**
 * What mentioning a risk looks like in a note: any one group of stems, all in one statement.
 * A note may say "denied SI", "no plan or intent", "access to firearms" in many ways; these are
 * the words without which it cannot have said it.
 */
const RISK_TERMS: ReadonlyMap<string, readonly (readonly string[])[]> = table({
  suicidal_ideation: [['suicid']],
  passive_death_wish: [['die', 'wish'], ['passiv'], ['want', 'die'], ['rather', 'die'], ['wake']],
  suicide_plan: [
    ['plan', 'suicid'],
    ['plan', 'kill'],
    ['plan', 'die'],
  ],
  suicide_intent: [['intent'], ['intend'], ['suicid', 'attempt']],
  suicide_attempt: [['attempt']],
  self_harm: [['hurt'], ['injuri'], ['cut']],
  homicidal_ideation: [['homicid'], ['kill'], ['hurt', 'other']],
  homicidal_intent: [['homicid'], ['intent']],
  violence: [['violenc'], ['violent'], ['punch'], ['hit'], ['assault'], ['fight']],
  abuse: [['abus'], ['grab'], ['push'], ['shove'], ['hit'], ['physic']],
  access_to_means: [['firearm'], ['gun'], ['rifl'], ['weapon'], ['mean'], ['medic'], ['pill']],
  overdose_risk: [['overdos'], ['naloxon']],
  burdensomeness: [['burden']],
  substance_use: [['use'], ['relaps'], ['laps'], ['drink'], ['substanc']],
})

// A recap: every later sentence of the turn is a plan item ("Let me recap.", "I'm writing this down.").
const RECAP =
  /\b(?:let me|to|quick) recap\b|\brecap\b|\b(?:i'm|let me) writ(?:e|ing) (?:this|that|it) down\b|\bto sum (?:it )?up\b/i

const SUICIDE_FAMILY: ReadonlySet<string> = new Set([
  'suicidal_ideation',
  'passive_death_wish',
  'suicide_plan',
  'suicide_intent',
  'suicide_attempt',
  'self_harm',
])

function recordsDenial(a: TextAnalysis): boolean {
  return a.words.some((w) => w.negated && w.stems.includes('suicid'))
}

/** Strong plan cues only: homework, the next session, a recap, a commitment to act before then. */
const PLAN_CUES: readonly RegExp[] = [
  /\bhomework\b/i,
  /\bfor next (?:time|week|session)\b/i,
  /\bbefore (?:our |the )?next (?:session|time|week|visit|appointment|group)\b/i,
  /\bbetween (?:now and|sessions)\b/i,
  /\bassignment\b/i,
  /\b(?:the|our|so the) plan (?:is|for)\b/i,
  /^plan\b/i,
  /\bnext (?:session|appointment|visit|group|supervision)\b/i,
  /\bthis week,? (?:i'd like|i want|try)\b/i,
  /\bi(?:'ll| will) (?:send|call|email|update|consult|reach out|follow up|put in|talk to)\b/i,
  /\b(?:will|can) you (?:try|practice|commit|do that|call|text|write)\b/i,
  /\bagreed to\b/i,
  RECAP,
]
// The plan is agreed at the end: cues in the first part of a session are usually talk about last week's plan.
const PLAN_ZONE = 0.7
const MIN_COVERAGE = 0.5

interface DraftView {
  analyses: TextAnalysis[]
  cited: Set<string>
  medications: Set<string>
}

function viewOf(draft: Draft): DraftView {
  const texts = [
    ...draft.sections.flatMap((s) => s.statements.map((st) => st.text)),
    ...(draft.clinicianInput ?? []).map((c) => c.text),
  ]
  const analyses = texts.map(analyseText)
  const medications = new Set<string>()
  for (const a of analyses) for (const m of a.medications) medications.add(m)
  const cited = new Set(draft.sections.flatMap((s) => s.statements.flatMap((st) => st.evidence)))
  return { analyses, cited, medications }
}

/** The best share of `stems` found together in one statement. */
function bestCoverage(stems: readonly string[], draft: DraftView): number {
  if (stems.length === 0) return 1
  let best = 0
  for (const a of draft.analyses) {
    const hit = stems.filter((s) => findStem(s, a.stems) !== undefined).length
    best = Math.max(best, hit / stems.length)
  }
  return best
}

function sentenceWith(text: string, test: (sentence: string) => boolean): string {
  return splitSentences(text).find((s) => test(s.text))?.text ?? text
}

function riskOmissions(flags: readonly Flag[], draft: DraftView): Omission[] {
  const out: Omission[] = []
  for (const f of flags) {
    if (!f.kind.startsWith('risk.')) continue
    if (f.evidence.some((id) => draft.cited.has(id))) continue
    const terms = RISK_TERMS.get(f.kind.slice(5)) ?? [
      f.kind
        .slice(5)
        .split('_')
        .map((w) => stem(w)),
    ]
    const named = draft.analyses.some((a) => terms.some((group) => group.every((t) => findStem(t, a.stems))))
    if (named) continue
    // A recorded denial of suicidality ("denies SI") documents every denied answer of that family.
    if (f.polarity === 'denied' && SUICIDE_FAMILY.has(f.kind.slice(5)) && draft.analyses.some(recordsDenial))
      continue
    const excerpt = [...analyseText(f.excerpt).stems]
    if (excerpt.length >= 2 && bestCoverage(excerpt, draft) >= MIN_COVERAGE) continue
    out.push({ kind: 'risk', evidence: [...f.evidence], excerpt: f.excerpt })
  }
  return out
}

function medicationOmissions(
  utterances: readonly Utterance[],
  index: EvidenceIndex,
  draft: DraftView,
): Omission[] {
  const found = new Map<string, string[]>()
  for (const u of utterances) {
    for (const m of medicationsIn(u.text)) {
      if (draft.medications.has(m)) continue
      const ids = found.get(m) ?? []
      ids.push(u.id)
      found.set(m, ids)
    }
  }
  return [...found.entries()].map(([m, ids]) => {
    const first = index.utterance(ids[0]!)!
    return {
      kind: 'medication' as const,
      evidence: ids.slice(0, 5),
      excerpt: sentenceWith(first.text, (s) => medicationsIn(s).has(m)),
    }
  })
}

// A score follows its measure closely ("PCL-5 today is forty-one", "Y-BOCS … Nineteen today").
const SCORE_REACH = 60
// "AUDIT next visit, RTC 1 wk": a number with a unit of time is a schedule, not a score.
const NOT_A_SCORE = new Set(['day', 'night', 'week', 'month', 'year', 'hour', 'minute', 'mg', 'mcg', 'lb'])

/** Scores stated right after a measure's name, in the same utterance. */
function scoresIn(text: string): { measure: string; score: number; sentence: string }[] {
  const found = findMeasures(text)
  const out: { measure: string; score: number; sentence: string }[] = []
  found.forEach((m, i) => {
    const stop = Math.min(found[i + 1]?.start ?? text.length, m.end + SCORE_REACH)
    const score = quantitiesOf(text.slice(m.end, stop))[0]
    if (score === undefined || (score.unit !== undefined && NOT_A_SCORE.has(score.unit))) return
    out.push({
      measure: m.term,
      score: score.value,
      sentence: sentenceWith(text, (s) => s.includes(text.slice(m.start, m.end))),
    })
  })
  return out
}

function measureOmissions(utterances: readonly Utterance[], draft: Draft): Omission[] {
  const scores = new Map<string, { values: Set<number>; ids: string[]; sentence: string }>()
  for (const u of utterances) {
    for (const s of scoresIn(u.text)) {
      const entry = scores.get(s.measure) ?? { values: new Set<number>(), ids: [], sentence: s.sentence }
      entry.values.add(s.score)
      if (!entry.ids.includes(u.id)) entry.ids.push(u.id)
      scores.set(s.measure, entry)
    }
  }
  const drafted = new Map<string, Set<number>>()
  for (const section of draft.sections) {
    for (const st of section.statements) {
      for (const s of scoresIn(st.text)) {
        const set = drafted.get(s.measure) ?? new Set<number>()
        set.add(s.score)
        drafted.set(s.measure, set)
      }
      for (const m of findMeasures(st.text)) if (!drafted.has(m.term)) drafted.set(m.term, new Set())
    }
  }
  const out: Omission[] = []
  for (const [measure, entry] of scores) {
    const inDraft = drafted.get(measure)
    if (inDraft && [...inDraft].some((v) => entry.values.has(v))) continue
    out.push({ kind: 'measure', evidence: entry.ids.slice(0, 5), excerpt: entry.sentence })
  }
  return out
}

// Words that frame a plan rather than say what it is ("let me recap", "for next time", "the plan is").
const PLAN_FRAMING: ReadonlySet<string> = new Set([
  'plan',
  'recap',
  'let',
  'homework',
  'next',
  'time',
  'session',
  'go',
  'want',
  'like',
  'tri',
  'assign',
  'agre',
])
// A long plan sentence lists several items; each is looked for on its own.
const LONG_PLAN_ITEM = 8

function planItems(sentence: string): string[][] {
  const stems = (text: string) => [...analyseText(text).stems].filter((s) => !PLAN_FRAMING.has(s))
  const whole = stems(sentence)
  if (whole.length <= LONG_PLAN_ITEM) return [whole]
  return sentence.split(/[,;:]|\band then\b/).map(stems)
}

function planOmissions(utterances: readonly Utterance[], draft: DraftView): Omission[] {
  const out: Omission[] = []
  const from = Math.floor(utterances.length * PLAN_ZONE)
  for (let i = from; i < utterances.length; i++) {
    const u = utterances[i]!
    // The clinician sets homework and the next appointment; a client's "homework" is usually a child's.
    if (!isClinicianSide(u.role)) continue
    let recap = false
    for (const s of splitSentences(u.text)) {
      const cued = PLAN_CUES.some((re) => re.test(s.text))
      // After "let me recap" every sentence of the turn is a plan item.
      if (!cued && !recap) continue
      if (RECAP.test(s.text)) recap = true
      if (s.text.trim().endsWith('?') && !cued) continue
      const missing = planItems(s.text).some(
        (item) => item.length >= 2 && bestCoverage(item, draft) < MIN_COVERAGE,
      )
      if (missing) out.push({ kind: 'plan', evidence: [u.id], excerpt: s.text })
    }
  }
  return out
}

/**
 * What the transcript holds that the draft leaves out: risk flags no statement cites or mentions,
 * medications and scored measures absent from the draft (or with another score), and plan items
 * agreed near the end of the session. Omissions are reminders for the clinician, never edits.
 */
export function findOmissions(
  draft: Draft,
  transcript: Transcript,
  riskFlags: readonly Flag[],
  index: EvidenceIndex = indexEvidence(transcript, { clinicianInput: draft.clinicianInput }),
): Omission[] {
  const view = viewOf(draft)
  const utterances = transcript.utterances
  return [
    ...riskOmissions(riskFlags, view),
    ...medicationOmissions(utterances, index, view),
    ...measureOmissions(utterances, draft),
    ...planOmissions(utterances, view),
  ]
}
