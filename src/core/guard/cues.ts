import { isNegationToken } from '../text/index.js'

// Words that end the reach of a negation: contrast, and endorsement verbs in dictated lists
// ("denies SI, endorses passive thoughts").
const HARD_BOUNDARY =
  /[;:!?]|\s-\s|\b(?:but|however|although|though|except|yet|whereas|unless|endorses|endorsed|endorsing|reports|reported|admits|admitted|acknowledges|acknowledged|describes|described|states|stated)\b/g
// A new clause with its own subject ("I didn't tell anyone that I want to die": the negation is about telling).
const CLAUSE_BOUNDARY =
  /\b(?:that|because|cause|since|when|so|then|and|which|who)\s+(?=(?:i|he|she|they|we|you|i'm|i've|i'd|he's|she's)\b)/g
// Negation of a list: "denies SI/HI, no hx suicide attempts or SIB" reaches across commas.
const DENIAL_WORDS = new Set([
  'denies',
  'denied',
  'deny',
  'denying',
  'no',
  'without',
  'nor',
  'neither',
  'negative',
])
const EXTRA_NEGATORS = new Set(['nobody', 'nothing', 'none', 'never', 'hardly', 'nowhere', 'noone'])
// Negation words that do not negate what follows ("I can't stop thinking about ...").
const PSEUDO_NEGATION =
  /\b(?:can't|cannot|couldn't|won't|wouldn't) (?:stop|help|shake|get (?:it|that|them) out)|\bnot (?:only|just|sure|even sure)\b|\bno matter\b|\bnever mind\b|\b(?:not|n't) (?:going to|gonna) (?:lie|pretend|sugarcoat)\b|\b(?:won't|can't) lie\b|\bnothing but\b|\b(?:don't|do not|didn't) know (?:if|whether|why|how|what)\b/g

function lastBoundary(text: string, re: RegExp): number {
  let at = 0
  re.lastIndex = 0
  for (const m of text.matchAll(re)) {
    // "not that I ...": the negation governs the clause that follows.
    if (re === CLAUSE_BOUNDARY && /\bnot\s+$/.test(text.slice(0, m.index))) continue
    at = m.index + m[0].length
  }
  return at
}

// Commas after fillers ("I'm not like, cutting") do not end the clause.
function lastRealComma(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) {
    if (text[i] !== ',') continue
    if (
      !/\b(?:like|um+|uh+|you know|i mean|kind of|sort of|well|just|honestly|really)\s*$/.test(
        text.slice(0, i),
      )
    )
      return i
  }
  return -1
}

function maskPseudo(text: string): string {
  return text.replace(PSEUDO_NEGATION, (s) => ' '.repeat(s.length))
}

function negatorsIn(text: string): { denial: boolean; any: boolean } {
  let denial = false
  let any = false
  const masked = maskPseudo(text)
  for (const m of masked.matchAll(/[a-z']+/g)) {
    const tok = m[0]
    const after = masked.slice(m.index + tok.length)
    // A bare "No," or "No." is an answer particle: it does not negate the clause that follows it.
    if (tok === 'no' && /^\s*[,.!]/.test(after)) continue
    if (isNegationToken(tok) || EXTRA_NEGATORS.has(tok)) {
      any = true
      if (DENIAL_WORDS.has(tok)) denial = true
    }
  }
  return { denial, any }
}

/**
 * True when a match is negated: a negation earlier in its clause ("I've never hurt myself",
 * "It's not like I want to die"), a denial earlier in its list ("Denies SI/HI, no hx suicide
 * attempts or SIB"), or a denial right after it ("SI: denied").
 */
export function isNegated(lower: string, start: number, end: number): boolean {
  // A match that itself opens with "no" or "nothing" ("no guns", "no plan", "nothing like that").
  if (/^(?:no(?! longer)|nothing)\b/.test(lower.slice(start, end))) return true
  const before = lower.slice(0, start)
  const hard = lastBoundary(before, HARD_BOUNDARY)
  const clause = Math.max(hard, lastBoundary(before, CLAUSE_BOUNDARY))
  const list = negatorsIn(before.slice(clause))
  if (list.denial) return true
  const comma = lastRealComma(before)
  const local = negatorsIn(before.slice(Math.max(clause, comma + 1)))
  if (local.any) return true
  return /^(?:\s*\/\s*[a-z]+)*\s*(?:[:=-]\s*|is |was |are )?(?:none|denied|denies|negative|absent)\b/.test(
    lower.slice(end),
  )
}

const HYPOTHETICAL =
  /\bwhat if\b|\bsuppos(?:e|ing)\b|\bimagine if\b|\bin case\b|\bpretend(?:ing)?\b|\bmaybe (?:i|he|she) (?:wrote|typed|said|sent|posted|put|texted)\b|\b(?:i|he|she) (?:might|may) have (?:written|typed|said|sent)\b/
const IF_CLAUSE = /\b(?:if|whether)\b/g

/**
 * True when the match is inside a hypothetical: "what if I ...", "maybe I wrote that ...", or the
 * "if" clause of a condition ("if he says he wants to hurt her"). A risk word inside a condition
 * states nothing about anyone.
 */
export function isHypothetical(lower: string, start: number): boolean {
  const before = lower.slice(0, start)
  if (HYPOTHETICAL.test(before)) return true
  let lastIf = -1
  for (const m of before.matchAll(IF_CLAUSE)) lastIf = m.index
  if (lastIf < 0) return false
  // The condition ends at a comma or "then", or where the consequence starts with its own subject
  // and modal ("if he touches my sister again I'll kill him"); a match after that is the consequence.
  const condition = before.slice(lastIf)
  if (/,|\bthen\b/.test(condition)) return false
  return !(
    /^\S+\s+\S+.*\b(?:i'll|i will|i'd|i would|i'm going to|i'm gonna|he'll|she'll|they'll|we'll)\b/.test(
      condition,
    ) || /^\S+\s+\S+\s.*\b(?:i|he|she|they|we)\s*$/.test(condition)
  )
}

/**
 * A counterfactual about what someone would have done ("he would've seen me move and shot me"):
 * used for harm to others, where trauma narratives speculate about what an attacker might have done.
 */
export function isCounterfactual(lower: string, start: number): boolean {
  return /\b(?:would|could|might)(?:'ve| have)\b/.test(
    lower.slice(Math.max(0, lower.lastIndexOf(',', start) + 1), start),
  )
}

/**
 * Ego-dystonic obsession frame for a whole utterance: an intrusive "what if I ..." thought is the
 * opposite of intent, so harm-to-others words inside it are not ideation (OCD, not HI).
 */
export const OBSESSION_FRAME =
  /\bwhat if i\b|\bintrusive\b|\bocd\b|\bobsessi(?:on|ons|ve)\b|\b(?:afraid|scared|terrified|worried|fear) (?:that )?i(?:'ll| might| could| would| will| may)\b/

/** Someone else's document speaking ("the draft said she endorsed passive SI"): a quoted error, not a finding. */
export function isDocumentReport(lower: string, start: number): boolean {
  return /\b(?:draft|drafts|note|notes|chart|record|report|tool|form|screen(?:er|ing)?|summary|document|paperwork|ai|it)\b(?:\s+[a-z']+){0,2}\s+(?:said|says|read|reads|stated|states|wrote|writes|listed|lists|turned it into|changed it to|called it|put)\b|\bconverted\b.*\binto\b/.test(
    lower.slice(0, start),
  )
}

/** An accident ("I'll fall and hurt myself") is not self-harm. */
export function isAccidental(lower: string, start: number): boolean {
  return /\b(?:fall|fell|falling|trip|tripped|slip|slipped|accident|accidentally|lifting|lift|working out|at the gym|playing|crash|crashed|injur(?:e|ed|y)|sprain(?:ed)?|by mistake)\b/.test(
    lower.slice(Math.max(0, start - 40), start),
  )
}

const PAST =
  /\b(?:used to|when i was|when he was|when she was|years? ago|months ago|in the past|back (?:then|in|when)|as a (?:kid|child|teen|teenager)|in (?:high school|college|middle school|my (?:teens|twenties|thirties))|hx|history of|previous(?:ly)?|prior|last year|growing up|before i got (?:sober|clean)|ever)\b/
const RECENT =
  /\b(?:last (?:night|week|weekend|month|friday|saturday|sunday|monday|tuesday|wednesday|thursday)|yesterday|today|this (?:week|morning|weekend|month)|on the \w+|nightly|every (?:day|night)|daily|again|lately|recently|right now|tonight|currently|still)\b/

/** True when the clause of a match places the event in the past ("used to", "years ago", "hx"). */
export function isPast(lower: string, start = 0, end = lower.length): boolean {
  const from = Math.max(0, lower.lastIndexOf(',', start) + 1)
  const comma = lower.indexOf(',', end)
  return PAST.test(lower.slice(from, comma < 0 ? lower.length : comma))
}

/** True when the sentence places the event in the present or the recent past. */
export function isRecent(lower: string): boolean {
  return RECENT.test(lower)
}

/** A goal or plan about use ("cut back to two drinks a night"), not a report of use. */
export function isPlan(lower: string, start: number): boolean {
  return /\b(?:cut(?:ting)? (?:down|back)|go(?:ing)? back to|try(?:ing)? to|would|could|consider|goal|instead of|limit|plan(?:ning)? to|agreed to|going to|gonna|'ll|will)\b/.test(
    lower.slice(Math.max(0, lower.lastIndexOf(',', start) + 1), start),
  )
}

/** A client's question that asserts something ("is it bad that I sometimes wish I was dead?"). */
export function isAssertingQuestion(lower: string, start: number): boolean {
  return (
    /\b(?:is it|is that|am i) (?:bad|normal|weird|wrong|crazy|okay|ok|terrible|strange|awful)(?: that| if)?\b/.test(
      lower.slice(0, start),
    ) || /\bwould (?:anyone|anybody|they|people) (?:even )?(?:notice|care|miss me)\b/.test(lower)
  )
}
