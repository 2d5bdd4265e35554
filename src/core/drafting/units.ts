import type { Role, Transcript } from '../transcript/utterance.js'
import { isClinicianSide } from '../transcript/utterance.js'
import type { Category } from './formats.js'
import type { UnitView } from './salience.js'
import { type SessionSentence, type TextFeatures, textFeatures } from './sentences.js'

/** A run of consecutive sentences of one utterance that the note treats as one piece. */
export interface Unit {
  sentences: SessionSentence[]
  /** For an answer unit: the clinician's question it answers. */
  question?: SessionSentence
  /** For an agreed proposal ("Would you be willing to ...?" "Yes."): what the client agreed to. */
  agreedTo?: string
  /** Topic segment of the session the unit belongs to. */
  segment: number
  utteranceId: string
  speaker: string
  role: Role
  clinicianSide: boolean
  category: Category
  /** What was said (cleaned), before it is rewritten for the note. */
  source: string
  /** The statement for the note, once realized (empty before). */
  text: string
  /** Words of the statement: estimated before realization, exact after. */
  words: number
  score: number
  /** The salience model's probability that the unit carries something a note should keep. */
  salience: number
  stems: Set<string>
  index: number
}

/** A sentence this short says little on its own ("Better.", "Ninety percent.") unless it names a drug or measure. */
function standsAlone(words: number, s: SessionSentence): boolean {
  return words >= 5 || s.medications.length > 0 || s.measures.length > 0
}

/**
 * Build sentence units: very short sentences join the sentence before them in the same utterance
 * ("I scored the Y-BOCS. Nineteen today."); a short sentence with nothing to join is left to the
 * question-answer units, where its question gives it meaning.
 */
export function buildUnits(sentences: SessionSentence[], categories: (Category | null)[]): Unit[] {
  const units: Unit[] = []
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i]!
    const category = categories[i]
    if (!category) continue
    const prevUnit = units.at(-1)
    const joinable =
      prevUnit !== undefined &&
      prevUnit.utteranceId === s.utteranceId &&
      prevUnit.sentences.at(-1)!.index === s.index - 1
    // A short opening ("The panic attacks.") names the topic of the next sentence: join forward.
    const prevShortOpening =
      joinable &&
      prevUnit.sentences.length === 1 &&
      prevUnit.sentences[0]!.within === 0 &&
      prevUnit.sentences[0]!.words < 5
    if (joinable && (s.words < 5 || prevShortOpening)) {
      prevUnit.sentences.push(s)
      prevUnit.source = `${prevUnit.source} ${s.clean}`
      continue
    }
    units.push({
      segment: 0,
      sentences: [s],
      utteranceId: s.utteranceId,
      speaker: s.speaker,
      role: s.role,
      clinicianSide: s.clinicianSide,
      category,
      source: s.clean,
      text: '',
      words: 0,
      score: 0,
      salience: 0,
      stems: new Set(),
      index: units.length,
    })
  }
  return units.filter((u) => {
    const words = u.sentences.reduce((n, x) => n + x.words, 0)
    return standsAlone(words, u.sentences[0]!)
  })
}

const PROPOSAL =
  /^(?:so,? )?(?:would you be willing to|would you be up for|are you willing to|are you up for|would you want to|do you want to|can you|could you|will you|would you|how about|what about|can we|could we)\s+(.+?)\??$/i
const AGREE =
  /^(?:yes|yeah|yep|yup|sure|okay|ok|deal|definitely|absolutely|i can|i will|i'll|i could|i think so|that works|sounds good|i'm in|let's do it|probably|i can try|i'll try)\b/i

const YES_NO =
  /^(?:yes|yeah|yep|yup|no|nope|nah|not really|never|sometimes|maybe|a little|kind of|i guess|mm-hmm|uh-huh)\b/i

/**
 * Short answers carry facts only with their question ("Six and a half." after "How's the pain
 * today?"). Pair each clinician question with the first sentences of the reply when they are brief.
 */
export function buildAnswerUnits(
  transcript: Transcript,
  sentences: SessionSentence[],
  categories: (Category | null)[],
  allowed: (s: SessionSentence) => boolean,
): Unit[] {
  const byUtterance = new Map<number, SessionSentence[]>()
  for (const s of sentences)
    byUtterance.set(s.utteranceIndex, [...(byUtterance.get(s.utteranceIndex) ?? []), s])
  const categoryOf = new Map(sentences.map((s, i) => [s, categories[i]]))
  const out: Unit[] = []
  for (let i = 0; i + 1 < transcript.utterances.length; i++) {
    const asked = byUtterance.get(i)
    const question = asked?.at(-1)
    if (!question?.clinicianSide || !question.question) continue
    const replyUtterance = transcript.utterances[i + 1]!
    if (isClinicianSide(replyUtterance.role)) continue
    // Only answers from someone whose words belong in the note (a group note: the member's own).
    if (
      !allowed({
        ...question,
        speaker: replyUtterance.speaker,
        role: replyUtterance.role,
        clinicianSide: false,
      })
    )
      continue
    const reply = byUtterance.get(i + 1) ?? []
    const first = reply.filter((s) => s.within <= 1 && allowed(s))
    const replyWords = first.reduce((n, s) => n + s.words, 0)
    const answerText = splitFirst(replyUtterance.text)
    if (!answerText) continue
    if (first.length === 0 && !YES_NO.test(answerText)) continue
    if (replyWords > 9) continue
    const proposal = PROPOSAL.exec(question.clean)
    const agreed = proposal && question.position > 0.5 && AGREE.test(answerText.trim())
    const category = agreed ? 'plan' : (first.map((s) => categoryOf.get(s)).find((c) => c) ?? 'report')
    out.push({
      ...(agreed ? { agreedTo: proposal[1]! } : {}),
      segment: 0,
      sentences: first,
      question,
      utteranceId: replyUtterance.id,
      speaker: replyUtterance.speaker,
      role: replyUtterance.role,
      clinicianSide: false,
      category,
      source: first.length > 0 ? withPolarity(answerText, first.map((s) => s.clean).join(' ')) : answerText,
      text: '',
      words: 0,
      score: 0,
      salience: 0,
      stems: new Set(),
      index: -1,
    })
  }
  return out
}

const POLARITY = /^\W*(yes|yeah|yep|yup|no|nope|nah|not really)\b/i

/**
 * An answer keeps its yes or no: "Yes. So much." must not become "Much." once the backchannel
 * sentence is dropped, or the note would lose (or invert) what the client answered.
 */
function withPolarity(raw: string, kept: string): string {
  const said = POLARITY.exec(raw)?.[1]
  if (!said || POLARITY.test(kept)) return kept
  const word = said.toLowerCase()
  const polarity =
    word === 'no' || word === 'nope' || word === 'nah' ? 'No' : word === 'not really' ? 'Not really' : 'Yes'
  return `${polarity}. ${kept}`
}

function splitFirst(text: string): string {
  const parts = text.split(/(?<=[.!?])\s+/).slice(0, 2)
  return parts.join(' ').trim()
}

/** What the unit model sees of a unit: its text features, its question, who said it and when. */
export function unitView(unit: Unit, askedBefore: ReadonlySet<number> = new Set()): UnitView {
  const clean = unit.source
  const first = unit.sentences[0] ?? unit.question
  const features = unit.sentences.length > 0 ? combineFeatures(unit.sentences) : textFeatures(clean)
  const ownStems = new Set<string>()
  for (const s of unit.sentences) for (const st of s.stems) ownStems.add(st)
  return {
    text: { ...features, clean },
    question: unit.question,
    clinicianSide: unit.clinicianSide,
    position: first?.position ?? 0.5,
    utteranceIndex: unit.sentences.at(-1)?.utteranceIndex ?? unit.question?.utteranceIndex ?? 0,
    stems: unit.stems,
    ownStems,
    replyStart:
      !unit.clinicianSide &&
      (unit.question !== undefined ||
        (unit.sentences[0]?.within === 0 && askedBefore.has(unit.sentences[0].utteranceIndex))),
  }
}

/** Content stems of each utterance, by utterance index. */
export function stemsByUtterance(sentences: SessionSentence[]): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>()
  for (const s of sentences) {
    const set = out.get(s.utteranceIndex) ?? new Set<string>()
    for (const st of s.stems) set.add(st)
    out.set(s.utteranceIndex, set)
  }
  return out
}

/** The features of consecutive sentences taken together (sums and unions, no re-analysis). */
function combineFeatures(sentences: SessionSentence[]): TextFeatures {
  if (sentences.length === 1) return sentences[0]!
  const sum = (f: (s: SessionSentence) => number) => sentences.reduce((n, s) => n + f(s), 0)
  const all = <T>(f: (s: SessionSentence) => T[]) => sentences.flatMap(f)
  return {
    words: sum((s) => s.words),
    question: sentences.at(-1)!.question,
    stems: all((s) => s.stems),
    numbers: sum((s) => s.numbers),
    medications: all((s) => s.medications),
    measures: all((s) => s.measures),
    diagnoses: all((s) => s.diagnoses),
    names: all((s) => s.names),
    clinicalTerms: sum((s) => s.clinicalTerms),
    interventionTerms: all((s) => s.interventionTerms),
    information: sum((s) => s.information),
  }
}
