import { contentStems, normalizeText } from '../text/index.js'

/** What a clinician's turn does, in the terms of motivational-interviewing coding. */
export interface TherapistActs {
  /** Asks the client something (open or closed). */
  question: boolean
  /** Reflects back what the client said or meant (simple or complex). */
  reflection: boolean
}

const WH_START =
  /^(?:what|how|when|where|why|who|which|whose|tell me|can you tell|could you tell|describe|walk me through)\b/i
const AUX_START =
  /^(?:do|does|did|is|are|was|were|have|has|had|can|could|will|would|should|may|might|shall|am|any|anything|anyone|so what|and what|and how|but what|so how)\b/i
const REFLECTION_CUES =
  /\b(?:it sounds like|sounds like|it seems like|it seems|seems like|you're saying|you are saying|what i'm hearing|what i hear|i'm hearing|i hear that|i get the (?:impression|sense|feeling)|it strikes me|you feel|you're feeling|you felt|you're worried|you're concerned|you're not sure|you realize|you've realized|you don't want|you'd like|you've been|you have been|on (?:the )?one hand|part of you|you really|you value|it's important to you|you're wondering|you wonder|that's (?:a|the) (?:big|huge|real|lot|time|part)|you've (?:noticed|tried|got|had))\b/i
const LEADING =
  /^(?:so|okay|ok|right|yeah|mm-hmm|uh-huh|well|and|alright|all right|um|uh|hmm|i see|got it|sure)\b[,.]?\s*/i

function stripLeading(text: string): string {
  let previous = ''
  let s = text.trim()
  while (previous !== s) {
    previous = s
    s = s.replace(LEADING, '')
  }
  return s
}

/**
 * Classify a clinician's turn as question and/or reflection. A reflection restates the client's
 * previous turn (shared content words) or uses the stems reflections are made of ("it sounds
 * like", "you feel"); a question asks. A turn can be both ("So you'd like to cut down — how?").
 */
export function classifyTherapistActs(text: string, previousClientTurn = ''): TherapistActs {
  const clean = normalizeText(text)
  const sentences = clean
    .split(/(?<=[.!?])\s+/)
    .map(stripLeading)
    .filter(Boolean)
  const own = new Set(contentStems(clean))
  const theirs = new Set(contentStems(previousClientTurn))
  let shared = 0
  for (const s of own) if (theirs.has(s)) shared++
  const overlap = own.size > 0 ? shared / own.size : 0

  let question = false
  let reflection = false
  const raw = clean.split(/(?<=[.!?])\s+/).filter(Boolean)
  for (const [i, s] of sentences.entries()) {
    const asks = s.endsWith('?')
    // "So money." / "So the appointments and time." — a summary opened by "so" is a reflection.
    const summary =
      /^(?:(?:okay|ok|right|yeah|mm-hmm|hmm|well)[,.]?\s+)*so\b/i.test(raw[i] ?? '') && !WH_START.test(s)
    const interrogative = WH_START.test(s) || AUX_START.test(s)
    // Any sentence said as a question counts, rising declaratives included ("So that's a big stress?").
    if (asks) question = true
    else if (
      /^(?:tell me|talk to me about|describe|walk me through|say more|what|how)\b|\bi wonder (?:what|if|whether|how)\b/i.test(
        s,
      )
    )
      question = true
    const second = /\byou(?:'re|'ve|'d|r)?\b/i.test(s)
    // A declarative sentence about the client, or one with a question mark but no interrogative
    // word order ("Having less wine in the house will help?"), reflects.
    if (!interrogative && (REFLECTION_CUES.test(s) || summary || (second && overlap >= 0.25)))
      reflection = true
    if (asks && !interrogative && overlap >= 0.2) reflection = true
  }
  return { question, reflection }
}
