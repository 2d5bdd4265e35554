import type { FlagSubject, Polarity } from '../drafting/draft.schema.js'
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
} from './cues.js'
import { type RiskMatch, selfPersonIn, subjectBefore } from './match.js'
import { type PreparedSentence, type PreparedUtterance, type QuoteSpan, quoteAt } from './prepare.js'
import { contextCategories } from './questions.js'
import { RISK_LABEL, type RiskCategory } from './risk-category.js'
import { CHILD_NOUNS } from './risk-lexicon.js'
import { type PersonRef, resolvePerson, type SessionContext, speakerSubject, type Whose } from './subject.js'

/** A risk finding read from one match, before it becomes a flag. */
export interface Found {
  category: RiskCategory
  polarity: Polarity
  whose: NonNullable<Whose>
  history: boolean
  how: string
}

/** What holds for a whole utterance: an obsession frame, and whether suicide has come up so far. */
export interface UtteranceFrame {
  obsession: boolean
  suicideTalk: boolean
}

// A quoted question ('they come to me saying, "did you really punch this girl."') asks, it does not tell.
function quotedQuestion(pu: PreparedUtterance, q: QuoteSpan | undefined): boolean {
  if (!q) return false
  return /^"(?:oh|like|so|well|um)?,? *(?:did|do|does|are|were|was|have|has|had|would|could|will|can|is) (?:you|he|she|they|i)\b/.test(
    pu.lower.slice(q.start, q.end),
  )
}

// Collisions, sport and play: being hit, kicked or pushed there is no one's violence.
const MISHAP =
  /\b(?:accident|rear-ended|crash(?:ed)?|collision|vehicle|car hit|by a car|soccer|football|hockey|basketball|baseball|rugby|wrestling|boxing|karate|sparring|tackle[sd]?|play fight(?:ing)?|roughhous\w*)\b/

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

/** Read one risk match in a statement into findings: filters, polarity, whose risk, history. */
export function readMatch(
  pu: PreparedUtterance,
  sentence: PreparedSentence,
  previous: PreparedSentence | undefined,
  m: RiskMatch,
  context: string,
  frame: UtteranceFrame,
  ctx: SessionContext,
): Found[] {
  const { obsession, suicideTalk } = frame
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
  if (outward && obsession && !negated) return []
  if ((outward || target === 'victim') && (isCounterfactual(lower, rel) || MISHAP.test(sentence.lower)))
    return []
  // Spare or leftover medicines are lethal means only where suicide is already being talked about.
  if (expression.id === 'medication-stock' && !suicideTalk) return []
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
export function readContextWord(
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

const WHOSE_WORDS: Readonly<Record<FlagSubject, string>> = {
  client: "the client's own words",
  family: 'said by or about a family member',
  'group-member': 'said by another group member',
  'third-party': 'about someone outside the session',
  clinician: "the clinician's own words",
}

/** The plain-language note of a finding. */
export function noteFor(f: Found): string {
  const what = f.polarity === 'denied' ? `denial of ${RISK_LABEL[f.category]}` : RISK_LABEL[f.category]
  const whose =
    f.how === 'act-on'
      ? 'physical harm by another person'
      : f.whose.subject === 'client' && f.whose.speaker === undefined
        ? 'reported about the client'
        : WHOSE_WORDS[f.whose.subject]
  return `${what}; ${whose}${f.history ? '; past event (history)' : ''}`
}
