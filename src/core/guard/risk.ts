import type { Flag, Polarity } from '../drafting/draft.schema.js'
import { isClinicianSide, type Utterance } from '../transcript/utterance.js'
import { OBSESSION_FRAME } from './cues.js'
import { noteFor, readContextWord, readMatch, type UtteranceFrame } from './findings.js'
import { FlagSet } from './flag-set.js'
import { matchSentence, type RiskMatch } from './match.js'
import { type PreparedSentence, type PreparedUtterance, prepareUtterance } from './prepare.js'
import { isHesitation, type RiskQuestion, readAnswer, readQuestion } from './questions.js'
import { RISK_FAMILY, RISK_LABEL, type RiskCategory, riskKind } from './risk-category.js'
import { readSession, type SessionContext, speakerSubject, type Whose } from './subject.js'

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

/**
 * Find risk language in a session and return it as flags for the clinician: positive findings and
 * recorded denials, each with its evidence and the sentence that carries it. Sidenote never
 * responds to risk; this only reports it.
 */
export function detectRisk(given: Utterance[], options: DetectRiskOptions = {}): Flag[] {
  const utterances = withInferredClinician(given)
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
      const j = findAnswer(analysed, a.pu.index, ctx)
      if (j !== undefined && !answered.has(j)) answered.set(j, question)
    }
  }

  let suicideTalk = false
  for (const a of analysed) {
    suicideTalk ||= [...a.topic].some((c) => RISK_FAMILY[c] === 'suicide' || RISK_FAMILY[c] === 'self_harm')
    if (!scansStatements(a.pu.utterance, ctx)) continue
    detectInUtterance(a, analysed[a.pu.index - 1], suicideTalk, answered.get(a.pu.index), ctx, flags)
  }
  for (const [j, question] of answered) addAnswerFlags(analysed, question, j, ctx, flags)
  return flags.list()
}

/**
 * When no speaker has a role, the one who asks most of the questions is taken as the clinician, so
 * that questions are read as questions and not as the other speaker's risk.
 */
function withInferredClinician(utterances: Utterance[]): Utterance[] {
  if (utterances.some((u) => u.role !== 'unknown')) return utterances
  const asks = new Map<string, number>()
  for (const u of utterances)
    asks.set(u.speaker, (asks.get(u.speaker) ?? 0) + (u.text.match(/\?/g)?.length ?? 0))
  const ranked = [...asks.entries()].sort((a, b) => b[1] - a[1])
  const [top, next] = ranked
  if (!top || !next || top[1] < 2 || top[1] < 2 * next[1]) return utterances
  return utterances.map((u) => (u.speaker === top[0] ? { ...u, role: 'clinician' } : u))
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
function findAnswer(analysed: readonly Analysed[], q: number, ctx: SessionContext): number | undefined {
  const addressee = addressedSpeaker(analysed[q]!.pu, ctx)
  for (let j = q + 1; j <= q + ANSWER_WINDOW && j < analysed.length; j++) {
    const pu = analysed[j]!.pu
    if (isClinicianSide(pu.utterance.role)) {
      if (pu.sentences.some((s) => s.interrogative)) return undefined
      continue
    }
    // In a group the member named in the question answers it; a hesitation ("Hmm.") is not the answer.
    if (addressee !== undefined && pu.utterance.speaker !== addressee) continue
    if (isHesitation(pu)) continue
    return j
  }
  return undefined
}

/** The label of a present speaker the question names ("Tobias, any thoughts of ...?"). */
function addressedSpeaker(pu: PreparedUtterance, ctx: SessionContext): string | undefined {
  for (const word of pu.utterance.text.match(/\b[A-Z][a-z]{2,}\b/g) ?? []) {
    const named = ctx.names.get(word.toLowerCase())
    if (named && !isClinicianSide(named.role)) return named.label
  }
  return undefined
}

function detectInUtterance(
  a: Analysed,
  before: Analysed | undefined,
  suicideTalk: boolean,
  question: RiskQuestion | undefined,
  ctx: SessionContext,
  flags: FlagSet,
): void {
  const { pu } = a
  const frame: UtteranceFrame = { obsession: OBSESSION_FRAME.test(pu.lower), suicideTalk }
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
          : readMatch(pu, sentence, previous, m, context, frame, ctx)
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
    const reply = a.sentences[k + 1]?.sentence
    if (reply) addRelayedAnswer(pu, matches, reply, ctx, flags)
  })
}

/**
 * A question and answer relayed by someone who was there ("I asked if he'd ever done anything to
 * hurt her. He said no, never physically."): a finding about the person asked.
 */
function addRelayedAnswer(
  pu: PreparedUtterance,
  asked: readonly RiskMatch[],
  reply: PreparedSentence,
  ctx: SessionContext,
  flags: FlagSet,
): void {
  const ask = asked[0]
  if (!ask) return
  const askText = pu.lower.slice(0, ask.start)
  if (!/\bi (?:asked|asked (?:him|her|them)) (?:if|whether|about)\b[^.?!]*$/.test(askText)) return
  const said =
    /^(?:and )?(?:he|she|they) (?:said|says|told me),? "?(no|nope|never|not really|yes|yeah|yep)\b/.exec(
      reply.lower,
    )
  if (!said) return
  const whose =
    ctx.mode === 'supervision'
      ? { subject: 'third-party' as const }
      : ctx.mode === 'family-absent'
        ? { subject: 'client' as const }
        : null
  if (!whose) return
  const polarity: Polarity = /^(?:yes|yeah|yep)$/.test(said[1]!) ? 'positive' : 'denied'
  for (const m of asked) {
    if (m.expression.target === 'context' || m.expression.target === 'use') continue
    for (const category of m.expression.categories.filter((c) => c !== 'abuse')) {
      flags.add(
        {
          kind: riskKind(category),
          polarity,
          evidence: [pu.utterance.id],
          excerpt: pu.utterance.text.slice(reply.start, reply.end),
          subject: whose.subject,
          note: `${polarity === 'denied' ? 'denied' : 'answered yes'} when asked about ${RISK_LABEL[category]} (relayed)`,
        },
        pu.utterance.id,
      )
    }
  }
}

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
    const polarity = answerPolarity(answer.polarity, question.inverted.has(category))
    if (!polarity) continue
    flags.add(
      {
        kind: riskKind(category),
        polarity,
        evidence: [qu.id, pu.utterance.id],
        excerpt,
        subject: whose.subject,
        ...(whose.speaker !== undefined ? { speaker: whose.speaker } : {}),
        note: question.inverted.has(category)
          ? `answer "${answer.polarity === 'denied' ? 'no' : answer.polarity === 'positive' ? 'yes' : 'not sure'}" to a safety question (${RISK_LABEL[category]})`
          : `${polarity === 'denied' ? 'denied in answer' : 'answer'} to a direct question about ${RISK_LABEL[category]}`,
      },
      pu.utterance.id,
    )
  }
}

// A safety question ("Do you feel safe at home?") turns the answer round, and an unsure answer to it
// is itself a concern; to any other question an unsure answer records nothing.
function answerPolarity(answer: Polarity | undefined, inverted: boolean): Polarity | undefined {
  if (!inverted) return answer
  return answer === 'positive' ? 'denied' : 'positive'
}

function thirdAbout(ctx: SessionContext): Whose {
  if (ctx.mode === 'supervision') return { subject: 'third-party' }
  if (ctx.mode === 'family-absent') return { subject: 'client' }
  return null
}
