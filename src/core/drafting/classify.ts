import type { NoteFormat } from './draft.schema.js'
import type { Category } from './formats.js'
import type { SessionSentence } from './sentences.js'
import {
  APPRAISAL_CUES,
  INTERVENTION_ACTS,
  MSE_TERMS,
  PLAN_CUES,
  RECAP_CUES,
  RESPONSE_CUES,
  SMALL_TALK,
} from './vocabulary.js'

/** What the classifier needs to know about the session around a sentence. */
export interface ClassifyContext {
  format: NoteFormat
  dictation: boolean
  /** Utterance index from which the session is winding down (recap, homework, scheduling). */
  closingFrom: number
  /** For each utterance index, the last utterance index at or before it where the clinician intervened. */
  lastIntervention: Int32Array
}

const IMPRESSION =
  /\b(?:impression|diagnos[ie]s|diagnostic impression|rule out|r\/o|meets criteria|working diagnosis)\b/i
const GOAL =
  /\b(?:my goal|the goal|goal is|i want to be able|i'd like to be able|i want to get back|i want to start|working toward|work on)\b/i
const CLIENT_FUTURE =
  /\b(?:i'll|i will|i'm going to|i am going to|i can try|i'm gonna|i'll try|i could try|i promise)\b/i

const INTAKE_RULES: [Category, RegExp][] = [
  [
    'referral',
    /\b(?:referred|referral|here for|came in|chief complaint|cc\b|reason for|presents? (?:for|with)|initial (?:diagnostic )?eval)/i,
  ],
  [
    'substance',
    /\b(?:alcohol|etoh|drink|drinks|drinking|beers?|wine|liquor|drugs?|cannabis|weed|marijuana|cocaine|opioids?|heroin|fentanyl|meth|substances?|smok\w*|vap\w*|nicotine|sober|relapse)\b/i,
  ],
  ['family_history', /\b(?:family history|fhx|fam hx|runs in (?:the|my|his|her) family)\b/i],
  [
    'history',
    /\b(?:prior|previous|previously|history|hx|hospitali[sz]\w*|inpatient|therapy before|counseling before|psych tx|treatment|tx)\b/i,
  ],
  [
    'medical',
    /\b(?:medical|pcp|physician|surgery|blood pressure|diabetes|allerg\w*|medications?|meds|prescribed)\b/i,
  ],
  [
    'social',
    /\b(?:work|job|school|married|divorc\w*|wife|husband|partner|kids|children|lives|living|apartment|friends|church|legal|arrest\w*|court|military|teacher|employ\w*)\b/i,
  ],
]

const SUPERVISEE_HOURS = /\b(?:hours?|log|licens\w*|supervision hours|direct hours)\b/i
const SUPERVISEE_SELF =
  /\b(?:i'm tired|exhausted|burn(?:ed|t)? ?out|overwhelm\w*|my own|countertransference|reminds me|self-care|caseload|behind on (?:my )?notes|notes behind|i feel like i|i've been feeling|i'm struggling)\b/i

const FAMILY_INTERACTION =
  /\b(?:we always|we never|every time|he always|she always|you always|you never|cycle|pattern|argue|argued|fight|fought|yell\w*|scream\w*|slam\w*|he says|she says|you said|you told|between us|in the middle)\b/i

const ACKNOWLEDGEMENT =
  /^(?:i (?:really |just )?(?:like|love|appreciate) (?:that|it|this|you)|that's (?:great|good|fair|perfect|wonderful|okay|fine|true|right|huge|big|real|amazing)|(?:very |really )?(?:good|great|nice|perfect|exactly|fair|wonderful|amazing)|fair enough|thank you|thanks)\b/i

function hasAny(res: readonly RegExp[], text: string): boolean {
  return res.some((re) => re.test(text))
}

/** Decide what a sentence contributes to a note of the given format, or null for nothing. */
export function categorize(
  s: SessionSentence,
  ctx: ClassifyContext,
  prev?: SessionSentence,
): Category | null {
  const text = s.clean
  const closing = s.utteranceIndex >= ctx.closingFrom
  if (SMALL_TALK.test(text) && (s.position < 0.08 || s.position > 0.97) && s.information < 3) return null

  if (ctx.dictation) return categorizeDictation(s)

  if (s.clinicianSide) {
    // Questions are answered by the next speaker; the answer units carry them.
    if (s.question) return null
    // Praise and acknowledgement ("I love that.", "That's great.") say nothing about the session.
    if (s.words <= 6 && ACKNOWLEDGEMENT.test(text)) return null
    if (MSE_TERMS.test(text)) return 'mse'
    if (s.measures.length > 0 && s.numbers > 0) return 'measure'
    if (IMPRESSION.test(text) && s.diagnoses.length > 0) return 'impression'
    if (closing && hasAny(PLAN_CUES, text)) return 'plan'
    if (ctx.format === 'supervision') return hasAny(PLAN_CUES, text) && s.position > 0.6 ? 'plan' : 'guidance'
    if (ctx.format === 'group') return 'group_content'
    if (hasAny(INTERVENTION_ACTS, text) || s.interventionTerms.length > 0) return 'intervention'
    if (hasAny(APPRAISAL_CUES, text)) return 'appraisal'
    return 'intervention'
  }

  // Client, family, group member, supervisee.
  if (s.question) return null
  if (ctx.format === 'supervision') {
    if (SUPERVISEE_HOURS.test(text) && s.numbers > 0) return 'hours'
    if (SUPERVISEE_SELF.test(text)) return 'development'
    if (closing && CLIENT_FUTURE.test(text)) return 'plan'
    return 'cases'
  }
  if (closing && CLIENT_FUTURE.test(text)) return 'plan'
  if (s.measures.length > 0 && s.numbers > 0) return 'measure'
  const sinceIntervention = s.utteranceIndex - (ctx.lastIntervention[s.utteranceIndex] ?? -100)
  if (sinceIntervention >= 0 && sinceIntervention <= 2 && RESPONSE_CUES.test(text)) return 'response'
  if (GOAL.test(text)) return 'goal'
  if (ctx.format === 'family' && FAMILY_INTERACTION.test(text)) return 'interaction'
  if (ctx.format === 'intake') {
    for (const [category, re] of INTAKE_RULES) if (re.test(text)) return category
  }
  if (prev && prev.utteranceId === s.utteranceId && prev.question) return 'report'
  return 'report'
}

function categorizeDictation(s: SessionSentence): Category {
  const text = s.clean
  const heading = /^\s*([A-Za-z/ ]{2,24}):/.exec(text)?.[1]?.toLowerCase().trim()
  if (heading) {
    if (/^(?:cc|chief complaint|reason)/.test(heading)) return 'referral'
    if (/^(?:hpi|history)/.test(heading)) return 'history'
    if (/^(?:mse|mental status)/.test(heading)) return 'mse'
    if (/^(?:impression|assessment|diagnos)/.test(heading)) return 'impression'
    if (/^(?:plan|recommendation)/.test(heading)) return 'plan'
    if (/^(?:fhx|family)/.test(heading)) return 'family_history'
    if (/^(?:social|shx)/.test(heading)) return 'social'
    if (/^(?:substance|etoh|sud)/.test(heading)) return 'substance'
    if (/^(?:medical|pmh|meds|medications)/.test(heading)) return 'medical'
  }
  if (MSE_TERMS.test(text)) return 'mse'
  if (s.measures.length > 0 && s.numbers > 0) return 'measure'
  if (IMPRESSION.test(text)) return 'impression'
  if (/\b(?:denies|denied)\b.*\b(?:si|hi|suicid\w*|homicid\w*|self-harm|sib)\b/i.test(text)) return 'risk'
  for (const [category, re] of INTAKE_RULES) if (re.test(text)) return category
  if (hasAny(PLAN_CUES, text)) return 'plan'
  return 'report'
}

/** Where the session starts winding down: a recap cue, or the last fifth of the session. */
export function closingIndex(sentences: SessionSentence[], utterances: number): number {
  let recap = -1
  for (const s of sentences) {
    if (s.clinicianSide && s.position > 0.6 && RECAP_CUES.test(s.clean)) {
      recap = s.utteranceIndex
      break
    }
  }
  const tail = Math.floor(utterances * 0.8)
  return recap >= 0 ? Math.min(recap, tail) : tail
}

/** For each utterance, the most recent utterance (at or before it) in which the clinician intervened. */
export function interventionIndex(sentences: SessionSentence[], utterances: number): Int32Array {
  const marks = new Int32Array(utterances).fill(-100)
  const intervened = new Set<number>()
  for (const s of sentences) {
    if (s.clinicianSide && (s.interventionTerms.length > 0 || hasAny(INTERVENTION_ACTS, s.clean)))
      intervened.add(s.utteranceIndex)
  }
  let last = -100
  for (let i = 0; i < utterances; i++) {
    if (intervened.has(i)) last = i
    marks[i] = last
  }
  return marks
}
