import type { Polarity } from '../drafting/draft.schema.js'
import { isClinicianSide } from '../transcript/utterance.js'
import { matchSentence, selfPersonIn, subjectBefore } from './match.js'
import { type PreparedSentence, type PreparedUtterance, quoteAt } from './prepare.js'
import { RISK_FAMILY, type RiskCategory } from './risk-category.js'
import type { SessionMode } from './subject.js'

/** A clinician's risk question: what it asks about, and about whom. */
export interface RiskQuestion {
  index: number
  categories: Set<RiskCategory>
  /** `addressee`: the person answering; `third`: someone they are asked about. */
  about: 'addressee' | 'third'
  /** Categories asked as a safety question, where "no" is the risk ("Do you feel safe at home?"). */
  inverted: Set<RiskCategory>
}

/** How a reply answers a yes/no question, and the leading sentences that carry the answer. */
export interface Answer {
  /** Undefined for an unsure reply ("I don't know. I guess."). */
  polarity: Polarity | undefined
  start: number
  end: number
}

// Subordinate clauses of a question presuppose, they do not ask: in "when you think it would be all
// right if you didn't wake up, have you had thoughts of ending your life?" only the main clause is
// the question, so an answer "no" does not deny the wish the client has just described.
const SUBORDINATE = /\b(?:even if|if|when|whenever|since|because|after|before|while|once)\b[^,?]*[,?]?/g
// A clinician telling a colleague what to ask is not asking.
const INSTRUCTION = /\b(?:ask|asking) (?:him|her|them|about)\b/
const ELLIPTICAL =
  /^(?:(?:and|so|okay|ok|now|also),? )*(?:what about|how about|any|anything|and|(?:is|are|was|were|does|do|did|has|have) (?:that|this|it|those|these)|still)\b/
const ALONE =
  /\b(?:alone|by yourself|on your own|(?:anyone|anybody|someone|somebody) (?:with|around) you|(?:was|were) (?:anyone|anybody|someone|somebody) (?:with you|around|there))\b/
const SUBSTANCE_CONTEXT =
  /\b(?:use|used|using|drink|drank|drinking|high|fentanyl|fent|heroin|dope|pills|shot up|relapse|relapsed|lapse|slip)\b/

function blankOut(text: string, re: RegExp): string {
  return text.replace(re, (s) => ' '.repeat(s.length))
}

/** Family-specific categories for topic words ("plan", "intention", "attempt"). */
export function contextCategories(id: string, topic: ReadonlySet<RiskCategory>): RiskCategory[] {
  const families = new Set([...topic].map((c) => RISK_FAMILY[c]))
  const suicide = families.has('suicide') || families.has('self_harm')
  // Intent and plans to harm others follow thoughts of harming others, not a reported act.
  const violence = topic.has('homicidal_ideation') || topic.has('homicidal_intent')
  switch (id) {
    case 'ctx-plan':
      return suicide ? ['suicide_plan'] : violence ? ['homicidal_intent'] : []
    case 'ctx-intent':
      return suicide ? ['suicide_intent'] : violence ? ['homicidal_intent'] : []
    case 'ctx-attempt':
      return suicide ? ['suicide_attempt'] : []
    default:
      return [...topic].filter((c) => ['suicide', 'self_harm', 'violence'].includes(RISK_FAMILY[c]))
  }
}

function sentenceCategories(
  pu: PreparedUtterance,
  sentence: PreparedSentence,
  stripped: string,
  mode: SessionMode,
): { categories: RiskCategory[]; contextIds: string[]; third: boolean; inverted: RiskCategory[] } {
  const view: PreparedSentence = { ...sentence, lower: stripped }
  const categories: RiskCategory[] = []
  const contextIds: string[] = []
  const inverted: RiskCategory[] = []
  let third = false
  for (const m of matchSentence(view, true)) {
    if (m.expression.inverted) inverted.push(...m.expression.categories)
    if (m.expression.target === 'context') {
      contextIds.push(m.expression.id)
      continue
    }
    const text = pu.lower.slice(m.start, m.end)
    const person =
      m.expression.target === 'self' || m.expression.target === 'use'
        ? (selfPersonIn(text) ?? subjectBefore(pu.lower, pu.utterance.text, m.start, sentence.start))
        : subjectBefore(pu.lower, pu.utterance.text, m.start, sentence.start)
    // Asked about someone else ("did he ever try to kill himself?"), unless the addressee is the one
    // harmed ("has he ever hit you?").
    const victimIsYou = m.expression.target === 'act' && /^you\b/.test(m.object?.phrase ?? '')
    if (
      person !== undefined &&
      person !== 'thing' &&
      person.kind === 'other' &&
      m.expression.target !== 'means' &&
      !victimIsYou
    )
      third = true
    for (const c of m.expression.categories)
      if (c !== 'abuse' || m.expression.target !== 'act') categories.push(c)
    // A physical act asked about the addressee's own behaviour is violence; done to them, abuse.
    if (m.expression.target === 'act') {
      const agent = subjectBefore(pu.lower, pu.utterance.text, m.start, sentence.start)
      const isAgentYou = agent !== undefined && agent !== 'thing' && agent.kind === 'addressee'
      const violence = isAgentYou && mode !== 'family-absent'
      categories.splice(categories.indexOf('violence'), 1, violence ? 'violence' : 'abuse')
    }
  }
  return { categories, contextIds, third, inverted }
}

/**
 * The risk topics a clinician's turn asks about, from its direct questions only (not quoted
 * questions, not questions a supervisor tells a supervisee to ask). Topic words ("any plan?")
 * take their meaning from the risk topic already in play; an elliptical question ("By yourself?")
 * after talk of using is a question about using alone.
 */
export function readQuestion(
  pu: PreparedUtterance,
  recentTopic: ReadonlySet<RiskCategory>,
  previous: readonly PreparedUtterance[],
  mode: SessionMode,
): RiskQuestion | undefined {
  if (!isClinicianSide(pu.utterance.role)) return undefined
  const asks = pu.sentences.filter(
    (s) =>
      s.interrogative &&
      !quoteAt(pu.quotes, s.start + 1) &&
      !quoteAt(pu.quotes, s.start + s.lower.lastIndexOf('?')) &&
      !INSTRUCTION.test(s.lower),
  )
  if (asks.length === 0) return undefined
  const categories = new Set<RiskCategory>()
  const contextIds: string[] = []
  const inverted = new Set<RiskCategory>()
  let third = false
  for (const s of asks) {
    const r = sentenceCategories(pu, s, blankOut(s.lower, SUBORDINATE), mode)
    for (const c of r.categories) categories.add(c)
    for (const c of r.inverted) inverted.add(c)
    contextIds.push(...r.contextIds)
    third ||= r.third
  }
  // Only an elliptical question ("What about medications?") borrows its topic from the turn's statements.
  const short = asks.every((s) => s.lower.split(/\s+/).length <= 6 && ELLIPTICAL.test(s.lower.trim()))
  if (categories.size === 0 && short) {
    // "What about medications? Sometimes after hospice, there are medicines left in the house."
    for (const s of pu.sentences) {
      if (s.interrogative || quoteAt(pu.quotes, s.start + 1)) continue
      for (const c of sentenceCategories(pu, s, s.lower, mode).categories) categories.add(c)
    }
  }
  // "Anything like that?" refers to the question's own topic; "Any plan?" alone to the one in play.
  const topic = categories.size > 0 ? new Set(categories) : new Set(recentTopic)
  for (const id of contextIds) for (const c of contextCategories(id, topic)) categories.add(c)
  // "Thoughts that you would be better off dead, or of hurting yourself" is the standard suicide
  // screening item (PHQ-9 item 9): a question joining the two asks about suicidal ideation.
  if (
    categories.has('self_harm') &&
    (categories.has('passive_death_wish') || categories.has('burdensomeness'))
  )
    categories.add('suicidal_ideation')
  if (categories.size === 0 && asks.some((s) => ALONE.test(s.lower))) {
    const around = [pu, ...previous.slice(-4)]
    if (around.some((p) => SUBSTANCE_CONTEXT.test(p.lower))) categories.add('overdose_risk')
  }
  if (categories.size === 0) return undefined
  // Substance use is informational: a question about it is not a risk question.
  categories.delete('substance_use')
  if (categories.size === 0) return undefined
  return { index: pu.index, categories, about: third ? 'third' : 'addressee', inverted }
}

const LEAD_FILLER =
  /^(?:[.,!?…-]+|(?:oh my god|oh my gosh|oh god|oh|um+|uh+|er+|well|honestly|hmm+|ha|okay|ok|i mean|so|like|god|wow|actually|look|listen|see)\b|\[[^\]]*\])[,.!?]?\s*/
const UNSURE = /^(?:i don't know|i dunno|dunno|not sure|i'm not sure|i am not sure|hard to say|i can't say)\b/
const BUT_YES = /^but,? (?:yeah|yes|sometimes|i do|i have|the thoughts?|it's there)\b/
// A weaker yes ("not as much", "less often") is still a yes.
const QUALIFIED_YES =
  /^(?:not as (?:much|often|bad)|less (?:often|than|now)|a little less|only (?:once|a few|sometimes|a little|a couple|occasionally))\b/
const NEGATIVE =
  /^(?:yeah,? no|not right now|not currently|not since|not recently|not this week|yes,? no|no+|nope|nah|never|not really|not at all|not anymore|not lately|not now|not that i know of|none|nothing|no way|absolutely not|definitely not|of course not|god,? no|hell no|i don't|i do not|i haven't|i have not|i didn't|i did not|i wouldn't|i would not|i'm not|i am not|not like that|nothing like that|it's not like that|it doesn't go there|it's not that)\b/
const POSITIVE =
  /^(?:yes|yeah|yep|yup|yea|ya|uh-huh|mm-hmm|mhm|sometimes|a little|a bit|kind of|kinda|sort of|i have|i do|i did|once|twice|a few times|maybe|i guess|probably|occasionally|lately|every day|all the time|i think so|definitely|absolutely|i am|i was|true|right|correct|at times|on and off|here and there|i've thought about it|i have thought about it)\b/

// A short answer that echoes the question's verb: "I do." "My husband has a few." "We have two."
const ECHO =
  /^(?:i|we|he|she|they|my [a-z]+|our [a-z]+) (?:have|has|do|does|did|am|is|was|were|got|keep|keeps|own|owns)\b/

/** A reply that only hesitates ("Hmm.", "Um...", "[pause]") before the real answer. */
export function isHesitation(pu: PreparedUtterance): boolean {
  let text = pu.lower.trim()
  for (let guard = 0; guard < 8 && text !== ''; guard++) {
    const next = text.replace(LEAD_FILLER, '').trim()
    if (next === text) break
    text = next
  }
  return text === ''
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length
}

/**
 * Read a reply as a yes/no answer from its first sentences ("No. No, nothing like that.",
 * "Yeah. By myself.", "Oh my god. No."). Returns undefined when the reply is not a yes or a no.
 */
export function readAnswer(pu: PreparedUtterance): Answer | undefined {
  const lead = pu.sentences.slice(0, 4)
  if (lead.length === 0) return undefined
  let last = 0
  for (let k = 0; k < lead.length; k++) {
    last = k
    if (k > 0 && wordCount(lead[k]!.lower) > 5) break
    if (k === 0 && wordCount(lead[k]!.lower) > 5) break
  }
  let polarity: Polarity | undefined
  let unsure = false
  for (const s of lead.slice(0, last + 1)) {
    let text = s.lower.trim()
    for (let guard = 0; guard < 4; guard++) {
      const next = text.replace(LEAD_FILLER, '')
      if (next === text) break
      text = next
    }
    if (text === '') continue
    if (UNSURE.test(text)) unsure = true
    else if (QUALIFIED_YES.test(text)) polarity = 'positive'
    else if (NEGATIVE.test(text)) polarity = 'denied'
    else if (POSITIVE.test(text) || (ECHO.test(text) && wordCount(text) <= 5)) polarity = 'positive'
    break
  }
  // "Not like a plan or anything. But yeah, the thought is there sometimes."
  const but = lead.slice(1, 3).findIndex((s) => BUT_YES.test(s.lower.trim()))
  if (but >= 0) {
    polarity = 'positive'
    last = Math.max(last, but + 1)
  }
  if (!polarity && !unsure) return undefined
  return { polarity, start: lead[0]!.start, end: lead[last]!.end }
}
