import type { Flag, FlagSubject, Polarity } from '../drafting/draft.schema.js'
import { isClinicianSide, type Utterance } from '../transcript/utterance.js'
import {
  isAccidental,
  isAssertingQuestion,
  isCounterfactual,
  isDocumentReport,
  isHypothetical,
  isNegated,
  isPast,
  isPlan,
  isRecent,
  OBSESSION_FRAME,
} from './cues.js'
import { matchSentence, type RiskMatch, selfPersonIn, subjectBefore } from './match.js'
import {
  type PreparedSentence,
  type PreparedUtterance,
  prepareUtterance,
  type QuoteSpan,
  quoteAt,
} from './prepare.js'
import { contextCategories, type RiskQuestion, readAnswer, readQuestion } from './questions.js'
import { RISK_FAMILY, RISK_LABEL, type RiskCategory, riskKind } from './risk-category.js'
import { CHILD_NOUNS } from './risk-lexicon.js'
import {
  type PersonRef,
  readSession,
  resolvePerson,
  type SessionContext,
  speakerSubject,
  type Whose,
} from './subject.js'

/** Options of detectRisk. */
export interface DetectRiskOptions {
  /** Speaker label of the group member a group note is for; other members' words are about them. */
  focus?: string
}

/** How many utterances a question may wait for its answer, and a topic stays in play. */
const ANSWER_WINDOW = 3
const TOPIC_WINDOW = 6

interface SentenceMatches {
  sentence: PreparedSentence
  matches: RiskMatch[]
}

interface Analysed {
  pu: PreparedUtterance
  sentences: SentenceMatches[]
  /** Categories named anywhere in the utterance (questions and quoted errors included): the topic. */
  topic: Set<RiskCategory>
}

/** Collects flags, merging repeats of one finding in one utterance. */
class FlagSet {
  private readonly flags = new Map<string, Flag>()
  constructor(private readonly order: ReadonlyMap<string, number>) {}

  add(flag: Flag, anchor: string): void {
    const key = `${flag.kind}|${flag.polarity}|${anchor}`
    const existing = this.flags.get(key)
    if (!existing) {
      this.flags.set(key, { ...flag, evidence: this.sorted(flag.evidence) })
      return
    }
    existing.evidence = this.sorted([...existing.evidence, ...flag.evidence])
  }

  /** Flags of one utterance (by its id), for attaching the question it answers. */
  inUtterance(id: string): Flag[] {
    return [...this.flags.entries()].filter(([k]) => k.endsWith(`|${id}`)).map(([, f]) => f)
  }

  /** Attach the question a finding answers. */
  addQuestion(flag: Flag, id: string): void {
    if (flag.evidence.includes(id)) return
    flag.evidence = this.sorted([...flag.evidence, id])
    flag.note = `${flag.note}; in answer to a direct question`
  }

  list(): Flag[] {
    // Substance use is informational: it comes after every other finding so it cannot bury them.
    const all = [...this.flags.values()]
    const first = (f: Flag) => this.order.get(f.evidence[f.evidence.length - 1] ?? '') ?? 0
    return [
      ...all.filter((f) => f.kind !== 'risk.substance_use').sort((a, b) => first(a) - first(b)),
      ...all.filter((f) => f.kind === 'risk.substance_use').sort((a, b) => first(a) - first(b)),
    ]
  }

  private sorted(ids: readonly string[]): string[] {
    return [...new Set(ids)].sort((a, b) => (this.order.get(a) ?? 0) - (this.order.get(b) ?? 0))
  }
}

/**
 * Find risk language in a session and return it as flags for the clinician: positive findings and
 * recorded denials, each with its evidence and the sentence that carries it. Sidenote never
 * responds to risk; this only reports it.
 */
export function detectRisk(utterances: Utterance[], options: DetectRiskOptions = {}): Flag[] {
  const ctx = readSession(utterances, options.focus)
  const analysed = utterances.map((u, i) => analyse(prepareUtterance(u, i, speaksForPractice(u)), ctx))
  const order = new Map(utterances.map((u, i) => [u.id, i]))
  const flags = new FlagSet(order)

  const answered = new Map<number, RiskQuestion>()
  if (ctx.mode !== 'report') {
    for (const a of analysed) {
      const recent = topicBefore(analysed, a.pu.index, TOPIC_WINDOW)
      const question = readQuestion(
        a.pu,
        recent,
        analysed.slice(Math.max(0, a.pu.index - 4), a.pu.index).map((x) => x.pu),
        ctx.mode,
      )
      if (!question) continue
      // A question keeps its topic in play for the questions that follow ("Any intention of acting on it?").
      for (const c of question.categories) a.topic.add(c)
      const j = findAnswer(analysed, a.pu.index)
      if (j !== undefined && !answered.has(j)) answered.set(j, question)
    }
  }

  for (const a of analysed) {
    if (!scansStatements(a.pu.utterance, ctx)) continue
    detectInUtterance(a, analysed[a.pu.index - 1], answered.get(a.pu.index), ctx, flags)
  }
  for (const [j, question] of answered) addAnswerFlags(analysed, question, j, ctx, flags)
  return flags.list()
}

function speaksForPractice(u: Utterance): boolean {
  return isClinicianSide(u.role) || u.role === 'supervisee'
}

// A clinician's own words in a live session are questions and reflections: they set topics and
// ask questions, but a reflection is not a second finding.
function scansStatements(u: Utterance, ctx: SessionContext): boolean {
  return ctx.mode === 'report' || !isClinicianSide(u.role)
}

function analyse(pu: PreparedUtterance, ctx: SessionContext): Analysed {
  const asking = isClinicianSide(pu.utterance.role) && ctx.mode !== 'report'
  const sentences = pu.sentences.map((sentence) => ({
    sentence,
    matches: matchSentence(sentence, asking && sentence.interrogative),
  }))
  const topic = new Set<RiskCategory>()
  for (const s of sentences)
    for (const m of s.matches)
      if (m.expression.target !== 'context' && m.expression.target !== 'use')
        for (const c of m.expression.categories) topic.add(c)
  return { pu, sentences, topic }
}

function topicBefore(analysed: readonly Analysed[], index: number, window: number): Set<RiskCategory> {
  const out = new Set<RiskCategory>()
  for (let k = Math.max(0, index - window); k < index; k++) for (const c of analysed[k]!.topic) out.add(c)
  return out
}

/** The reply to a question: the next utterance by someone who is not a clinician, unless a new question comes first. */
function findAnswer(analysed: readonly Analysed[], q: number): number | undefined {
  for (let j = q + 1; j <= q + ANSWER_WINDOW && j < analysed.length; j++) {
    const pu = analysed[j]!.pu
    if (isClinicianSide(pu.utterance.role)) {
      if (pu.sentences.some((s) => s.interrogative)) return undefined
      continue
    }
    return j
  }
  return undefined
}

interface Found {
  category: RiskCategory
  polarity: Polarity
  whose: NonNullable<Whose>
  history: boolean
  how: string
}

function detectInUtterance(
  a: Analysed,
  before: Analysed | undefined,
  question: RiskQuestion | undefined,
  ctx: SessionContext,
  flags: FlagSet,
): void {
  const { pu } = a
  const obsession = OBSESSION_FRAME.test(pu.lower)
  const earlier = new Set<RiskCategory>(question?.categories ?? [])
  // Topic words in an answer confirm only when the answer is not a "no".
  const answerAffirms = question !== undefined && readAnswer(pu)?.polarity !== 'denied'
  a.sentences.forEach(({ sentence, matches }, k) => {
    const previous = a.sentences[k - 1]?.sentence
    const context = `${before?.pu.lower ?? ''} ${pu.lower.slice(0, sentence.end)}`
    for (const m of matches) {
      const found =
        m.expression.target === 'context'
          ? readContextWord(pu, sentence, previous, m, topicAt(earlier, matches, m), answerAffirms, ctx)
          : readMatch(pu, sentence, previous, m, context, obsession, ctx)
      for (const f of found) {
        const excerpt = pu.utterance.text.slice(sentence.start, sentence.end)
        flags.add(
          {
            kind: riskKind(f.category),
            polarity: f.polarity,
            evidence: [pu.utterance.id],
            excerpt,
            subject: f.whose.subject,
            ...(f.whose.speaker !== undefined ? { speaker: f.whose.speaker } : {}),
            note: noteFor(f),
          },
          pu.utterance.id,
        )
      }
    }
    for (const m of matches)
      if (m.expression.target !== 'context' && m.expression.target !== 'use')
        for (const c of m.expression.categories) earlier.add(c)
  })
}

// A quoted question ('they come to me saying, "did you really punch this girl."') asks, it does not tell.
/** The topic a topic word refers to: earlier sentences, the question answered, and earlier in its own sentence. */
function topicAt(
  earlier: ReadonlySet<RiskCategory>,
  matches: readonly RiskMatch[],
  m: RiskMatch,
): Set<RiskCategory> {
  const topic = new Set(earlier)
  for (const o of matches)
    if (o.start < m.start && o.expression.target !== 'context' && o.expression.target !== 'use')
      for (const c of o.expression.categories) topic.add(c)
  return topic
}

function quotedQuestion(pu: PreparedUtterance, q: QuoteSpan | undefined): boolean {
  if (!q) return false
  return /^"(?:oh|like|so|well|um)?,? *(?:did|do|does|are|were|was|have|has|had|would|could|will|can|is) (?:you|he|she|they|i)\b/.test(
    pu.lower.slice(q.start, q.end),
  )
}

function quoteFloor(sentence: PreparedSentence, q: QuoteSpan | undefined): number {
  return q ? Math.max(sentence.start, q.start + 1) : sentence.start
}

/** The person whose words a quotation carries, as seen from the utterance ("he said, '...'"). */
function quotedPerson(pu: PreparedUtterance, q: QuoteSpan): PersonRef {
  const who = subjectBefore(pu.lower, pu.utterance.text, q.start, Math.max(0, q.start - 70))
  return who !== undefined && who !== 'thing' && who.kind === 'other' ? who : { kind: 'other', phrase: 'he' }
}

/** Re-point a person reference made inside a third person's quotation. */
function inVoice(ref: PersonRef, pu: PreparedUtterance, q: QuoteSpan | undefined): PersonRef {
  if (q?.voice !== 'third') return ref
  if (ref.kind === 'self' || ref.kind === 'none') return quotedPerson(pu, q)
  return ref
}

function agentOf(
  pu: PreparedUtterance,
  sentence: PreparedSentence,
  previous: PreparedSentence | undefined,
  at: number,
  floor: number,
): PersonRef | 'thing' {
  const here = subjectBefore(pu.lower, pu.utterance.text, at, floor)
  if (here !== undefined) return here
  // A fragment ("An overdose.", "Or shot Dani.") continues the subject of the sentence before it.
  if (previous && floor === sentence.start) {
    const before = subjectBefore(pu.lower, pu.utterance.text, previous.end, previous.start)
    if (before !== undefined) return before
  }
  return { kind: 'none' }
}

function keepsThirdParty(ctx: SessionContext): boolean {
  return ctx.mode === 'supervision' || ctx.mode === 'report'
}

function readMatch(
  pu: PreparedUtterance,
  sentence: PreparedSentence,
  previous: PreparedSentence | undefined,
  m: RiskMatch,
  context: string,
  obsession: boolean,
  ctx: SessionContext,
): Found[] {
  const { expression } = m
  const q = quoteAt(pu.quotes, m.start)
  if (q && (q.voice === 'document' || q.voice === 'prompt')) return []
  const floor = quoteFloor(sentence, q)
  const lower = pu.lower.slice(floor, sentence.end)
  const rel = m.start - floor
  const relEnd = m.end - floor
  if (isDocumentReport(lower, rel)) return []
  if ((sentence.interrogative || quotedQuestion(pu, q)) && !isAssertingQuestion(lower, rel)) return []
  if (isHypothetical(lower, rel)) return []
  const negated = isNegated(lower, rel, relEnd)
  const target = expression.target
  const outward = target === 'other' || target === 'act' || target === 'property'
  if (outward && ((obsession && !negated) || isCounterfactual(lower, rel))) return []
  if (target === 'self' && expression.id === 'harm-self' && isAccidental(lower, rel)) return []
  const polarity: Polarity = negated ? 'denied' : 'positive'
  const history = isPast(lower, rel, relEnd)
  const original = pu.utterance.text
  const resolve = (ref: PersonRef, phraseOriginal = ''): Whose =>
    resolvePerson(inVoice(ref, pu, q), pu.utterance, ctx, context, phraseOriginal)
  const out = (categories: readonly RiskCategory[], whose: Whose, how: string): Found[] => {
    if (!whose) return []
    if (whose.subject === 'third-party' && !keepsThirdParty(ctx)) return []
    return categories.map((category) => ({ category, polarity, whose, history, how }))
  }

  switch (target) {
    case 'self': {
      const own = selfPersonIn(pu.lower.slice(m.start, m.end))
      const agent = own ?? agentOf(pu, sentence, previous, m.start, floor)
      if (agent === 'thing') return []
      return out(expression.categories, resolve(agent, wordAt(original, m.start)), 'self')
    }
    case 'other':
    case 'property': {
      const agent = agentOf(pu, sentence, previous, m.start, floor)
      if (agent === 'thing') return []
      return out(expression.categories, resolve(agent, agentOriginal(pu, m.start, floor)), 'other')
    }
    case 'act':
      return readAct(pu, sentence, previous, m, floor, q, context, ctx, polarity, history)
    case 'victim': {
      const after = /^\s+(?:to |toward |towards )?(me|him|her|them|us)\b/.exec(
        pu.lower.slice(m.end, sentence.end),
      )
      let victim: PersonRef
      if (expression.id === 'passive-victim') {
        const agent = agentOf(pu, sentence, previous, m.start, floor)
        victim = agent === 'thing' ? { kind: 'none' } : agent
      } else if (after)
        victim =
          after[1] === 'me' || after[1] === 'us' ? { kind: 'self' } : { kind: 'other', phrase: after[1]! }
      else {
        const agent = agentOf(pu, sentence, previous, m.start, floor)
        const passive = /\b(?:was|were|been|being|got|get)\s+(?:\w+\s+)?$/.test(
          pu.lower.slice(floor, m.start),
        )
        // "He was abusive": the speaker describes someone who abused them.
        victim = agent === 'thing' || !passive ? { kind: 'self' } : agent
      }
      const whose = resolve(victim)
      return out(['abuse'], kinVictim(whose, after?.[1] ?? '', context, ctx), 'victim')
    }
    case 'means': {
      // Means in a household are the household's risk, whoever owns them.
      if (ctx.mode === 'supervision') return out(expression.categories, { subject: 'third-party' }, 'means')
      return out(expression.categories, speakerSubject(pu.utterance, ctx) ?? { subject: 'client' }, 'means')
    }
    case 'use': {
      if (negated) return []
      if ((history && !isRecent(sentence.lower)) || isPlan(lower, rel)) return []
      const own = selfPersonIn(pu.lower.slice(m.start, m.end))
      const agent = own ?? agentOf(pu, sentence, previous, m.start, floor)
      if (agent === 'thing') return []
      const whose = resolve(agent)
      if (!whose || (whose.subject !== 'client' && whose.subject !== 'group-member')) return []
      return out(expression.categories, whose, 'use')
    }
    default:
      return []
  }
}

function wordAt(text: string, at: number): string {
  return /^[\p{L}'.-]+/u.exec(text.slice(at))?.[0] ?? ''
}

function agentOriginal(pu: PreparedUtterance, at: number, floor: number): string {
  const tokens = [...pu.lower.slice(floor, at).matchAll(/[a-z][a-z'-]*/g)]
  const last = tokens[tokens.length - 1]
  return last ? pu.utterance.text.slice(floor + last.index, floor + last.index + last[0].length) : ''
}

// Harm done to a child or partner of the client is the family's risk to report, not nobody's.
function kinVictim(whose: Whose, phrase: string, context: string, ctx: SessionContext): Whose {
  if (whose?.subject !== 'third-party' || keepsThirdParty(ctx)) return whose
  const kin = [...(`${phrase} ${context}`.match(/[a-z'-]+/g) ?? [])].some(
    (w) =>
      CHILD_NOUNS.has(w) || ['wife', 'husband', 'partner', 'mom', 'mother', 'sister', 'brother'].includes(w),
  )
  return kin ? { subject: 'family' } : whose
}

const RELATIONSHIP =
  /\b(?:my|his|her|our|your) (?:mom|mother|mum|dad|father|stepdad|stepfather|stepmom|stepmother|parents?|husband|wife|boyfriend|girlfriend|partner|ex|ex-husband|ex-wife|brother|sister|uncle|aunt|grandpa|grandfather|grandma|grandmother|cousin|babysitter|coach|teacher|foster \w+|old man)\b/

function readAct(
  pu: PreparedUtterance,
  sentence: PreparedSentence,
  previous: PreparedSentence | undefined,
  m: RiskMatch,
  floor: number,
  q: QuoteSpan | undefined,
  context: string,
  ctx: SessionContext,
  polarity: Polarity,
  history: boolean,
): Found[] {
  const object = m.object
  if (!object) return []
  const agent = agentOf(pu, sentence, previous, m.start, floor)
  if (agent === 'thing') return []
  const first = object.phrase.split(/\s+/)[0] ?? ''
  const victimRef: PersonRef =
    first === 'me' || first === 'us'
      ? { kind: 'self' }
      : first === 'you'
        ? { kind: 'addressee' }
        : { kind: 'other', phrase: object.phrase }
  const agentWhose = resolvePerson(
    inVoice(agent, pu, q),
    pu.utterance,
    ctx,
    context,
    agentOriginal(pu, m.start, floor),
  )
  const victimWhose = resolvePerson(
    inVoice(victimRef, pu, q),
    pu.utterance,
    ctx,
    context,
    object.original.split(/\s+/)[0] ?? '',
  )
  const patientLike = (w: Whose): w is NonNullable<Whose> =>
    w !== null &&
    (w.subject === 'client' ||
      w.subject === 'group-member' ||
      (w.subject === 'third-party' && keepsThirdParty(ctx)))
  if (agent.kind !== 'none' && patientLike(agentWhose))
    return [{ category: 'violence', polarity, whose: agentWhose, history, how: 'act-by' }]
  const victim = kinVictim(victimWhose, object.phrase, '', ctx)
  // Abuse is harm by someone in the victim's life; in a client's own session a stranger's attack
  // (a robbery, a fight) is trauma history, not abuse to report.
  const related =
    // Someone laying hands on the client is always worth the clinician's eye.
    (victimRef.kind === 'self' && agent.kind === 'other') ||
    ctx.mode === 'family-absent' ||
    ctx.mode === 'supervision' ||
    agentWhose?.subject === 'family' ||
    RELATIONSHIP.test(`${agent.kind === 'other' ? agent.phrase : ''} ${context}`)
  if (
    related &&
    victim !== null &&
    (victim.subject === 'family' || patientLike(victim)) &&
    agentWhose?.subject !== victim.subject
  )
    return [{ category: 'abuse', polarity, whose: victim, history, how: 'act-on' }]
  return []
}

/**
 * Topic words ("plan", "intention", "do it", "those thoughts") count only as a denial ("I'd never
 * actually do it") or in the answer to a risk question, and only with a risk topic in play.
 */
function readContextWord(
  pu: PreparedUtterance,
  sentence: PreparedSentence,
  previous: PreparedSentence | undefined,
  m: RiskMatch,
  topic: ReadonlySet<RiskCategory>,
  isAnswer: boolean,
  ctx: SessionContext,
): Found[] {
  if (topic.size === 0 || sentence.interrogative) return []
  const q = quoteAt(pu.quotes, m.start)
  if (q && (q.voice === 'document' || q.voice === 'prompt')) return []
  const floor = quoteFloor(sentence, q)
  const lower = pu.lower.slice(floor, sentence.end)
  const rel = m.start - floor
  if (isHypothetical(lower, rel) || isDocumentReport(lower, rel)) return []
  const negated = isNegated(lower, rel, m.end - floor)
  if (!negated && !isAnswer) return []
  const categories = contextCategories(m.expression.id, topic)
  if (categories.length === 0) return []
  const agent = agentOf(pu, sentence, previous, m.start, floor)
  if (agent === 'thing') return []
  const whose = resolvePerson(
    inVoice(agent, pu, q),
    pu.utterance,
    ctx,
    sentence.lower,
    agentOriginal(pu, m.start, floor),
  )
  if (!whose || (whose.subject === 'third-party' && !keepsThirdParty(ctx))) return []
  const polarity: Polarity = negated ? 'denied' : 'positive'
  return categories.map((category) => ({ category, polarity, whose, history: false, how: 'context' }))
}

function addAnswerFlags(
  analysed: readonly Analysed[],
  question: RiskQuestion,
  j: number,
  ctx: SessionContext,
  flags: FlagSet,
): void {
  const qu = analysed[question.index]!.pu.utterance
  const pu = analysed[j]!.pu
  const families = new Set([...question.categories].map((c) => RISK_FAMILY[c]))
  const direct = flags.inUtterance(pu.utterance.id)
  for (const f of direct) {
    const category = f.kind.replace(/^risk\./, '') as RiskCategory
    if (families.has(RISK_FAMILY[category])) flags.addQuestion(f, qu.id)
  }
  const answer = readAnswer(pu)
  if (!answer) return
  const answerer = question.about === 'third' ? thirdAbout(ctx) : speakerSubject(pu.utterance, ctx)
  if (!answerer) return
  const excerpt = pu.utterance.text.slice(answer.start, answer.end)
  for (const category of question.categories) {
    if (direct.some((f) => f.kind === riskKind(category))) continue
    // Parents asked about handling their child: the abuse finding is the child's.
    const whose: NonNullable<Whose> =
      category === 'abuse' && ctx.mode === 'family-absent' ? { subject: 'client' } : answerer
    const polarity: Polarity = question.inverted.has(category)
      ? answer.polarity === 'denied'
        ? 'positive'
        : 'denied'
      : answer.polarity
    flags.add(
      {
        kind: riskKind(category),
        polarity,
        evidence: [qu.id, pu.utterance.id],
        excerpt,
        subject: whose.subject,
        ...(whose.speaker !== undefined ? { speaker: whose.speaker } : {}),
        note: question.inverted.has(category)
          ? `answer "${answer.polarity === 'denied' ? 'no' : 'yes'}" to a safety question (${RISK_LABEL[category]})`
          : `${polarity === 'denied' ? 'denied in answer' : 'answer'} to a direct question about ${RISK_LABEL[category]}`,
      },
      pu.utterance.id,
    )
  }
}

function thirdAbout(ctx: SessionContext): Whose {
  if (ctx.mode === 'supervision') return { subject: 'third-party' }
  if (ctx.mode === 'family-absent') return { subject: 'client' }
  return null
}

const WHOSE_WORDS: Readonly<Record<FlagSubject, string>> = {
  client: "the client's own words",
  family: 'said by or about a family member',
  'group-member': 'said by another group member',
  'third-party': 'about someone outside the session',
  clinician: "the clinician's own words",
}

function noteFor(f: Found): string {
  const what = f.polarity === 'denied' ? `denial of ${RISK_LABEL[f.category]}` : RISK_LABEL[f.category]
  const whose =
    f.how === 'act-on'
      ? 'physical harm by another person'
      : f.whose.subject === 'client' && f.whose.speaker === undefined
        ? 'reported about the client'
        : WHOSE_WORDS[f.whose.subject]
  return `${what}; ${whose}${f.history ? '; past event (history)' : ''}`
}
