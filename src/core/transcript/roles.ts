import type { ServiceHint } from './options.js'
import { type LabelCue, readLabel } from './role-cues.js'
import { isClinicianSide, type Role } from './utterance.js'

/** A turn as role inference sees it. */
export interface RoleTurn {
  speaker: string
  text: string
}

/** The role decided for one speaker label. */
export interface RoleDecision {
  role: Role
  roleSource: 'given' | 'inferred'
  reason: string
  /** Another label of the same person (a rejoin from another device). */
  sameAs?: string
}

export interface RoleInput {
  turns: readonly RoleTurn[]
  given: ReadonlyMap<string, Role>
  service?: ServiceHint | undefined
  /** Header lines and notes; a header naming "supervision" settles the kind of session. */
  notes: readonly string[]
  dictation: boolean
}

interface Person {
  labels: string[]
  cue: LabelCue
  turns: number
  words: number
  questions: number
  phrases: number
  medTalk: number
  supervisionTalk: number
  firstTurn: number
  lastTurn: number
}

const THERAPIST_PHRASES =
  /\b(?:it sounds like|sounds like you|how are you|how was|how did|how have you|how's the|what do you|tell me (?:more|about)|how does that|what would|what's that like|let's|i'll see you|see you (?:next|on|in|thursday|tuesday|monday|wednesday|friday)|homework|practice assignment|on a scale|between now and)\b/gi
const MED_TALK =
  /\b(?:milligrams?|mg|dose|doses|dosage|side effects?|prescri\w*|refills?|titrat\w*|tablets?|taper\w*|pharmacy|medications?)\b/gi
const SUPERVISION_TALK =
  /\b(?:my clients?|my caseload|caseload|hours log|supervision hours|licensure|co-?sign\w*|supervisee|intakes|my client's|countertransference)\b/gi
const JOINT_ADDRESS = /\b(?:both of you|you two|you both|the two of you)\b/i
const FAMILY_TERMS =
  /\b(?:mom|mum|mother|dad|father|parents?|grandma|grandpa|grandmother|grandfather|aunt|uncle|wife|husband|guardian|honey|sweetie|sweetheart|my daughter|my son|stepmom|stepdad)\b/i

function wordCount(text: string): number {
  let n = 0
  let inWord = false
  for (let i = 0; i < text.length; i++) {
    const space = text.charCodeAt(i) <= 0x20
    if (!space && !inWord) n++
    inWord = !space
  }
  return n
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0
}

function firstToken(label: string): string {
  return label.toLowerCase().split(/[\s,]+/)[0] ?? ''
}

function surnames(label: string): string[] {
  const words = label
    .replace(/\([^)]*\)|,.*$/g, '')
    .trim()
    .split(/\s+/)
  return words.length < 2
    ? []
    : words
        .at(-1)!
        .toLowerCase()
        .split('-')
        .filter((w) => w.length > 1)
}

/** Group labels that belong to one person: a device label of a present speaker, or a rejoin under a shorter name. */
function linkAliases(
  labels: readonly string[],
  spans: ReadonlyMap<string, { first: number; last: number }>,
): Map<string, string> {
  const aliasOf = new Map<string, string>()
  for (const label of labels) {
    const cue = readLabel(label)
    const name = (cue.owner ?? label).toLowerCase()
    const span = spans.get(label)!
    const match = labels.find((other) => {
      if (other === label || aliasOf.has(other) || readLabel(other).device) return false
      const otherSpan = spans.get(other)!
      // Two labels heard at the same time are two people, whatever their names.
      const apart = span.first > otherSpan.last || otherSpan.first > span.last
      if (!apart) return false
      if (cue.owner) return firstToken(other) === firstToken(name)
      const a = label.toLowerCase().replace(/\./g, '').trim()
      const b = other.toLowerCase().replace(/\./g, '').trim()
      // "Sefa" or "Sefa L." rejoining after "Sefa Lemalu" left.
      return b.length > a.length && b.startsWith(a) && (b[a.length] === ' ' || /\s\p{L}$/u.test(a))
    })
    if (match) aliasOf.set(label, match)
  }
  return aliasOf
}

function profile(input: RoleInput, aliasOf: ReadonlyMap<string, string>): Person[] {
  const byLabel = new Map<string, Person>()
  input.turns.forEach((turn, index) => {
    const key = aliasOf.get(turn.speaker) ?? turn.speaker
    let p = byLabel.get(key)
    if (!p) {
      p = {
        labels: [key],
        cue: readLabel(key),
        turns: 0,
        words: 0,
        questions: 0,
        phrases: 0,
        medTalk: 0,
        supervisionTalk: 0,
        firstTurn: index,
        lastTurn: index,
      }
      byLabel.set(key, p)
    }
    if (!p.labels.includes(turn.speaker)) p.labels.push(turn.speaker)
    p.turns++
    p.words += wordCount(turn.text)
    p.questions += count(turn.text, /\?/g)
    p.phrases += count(turn.text, THERAPIST_PHRASES)
    p.medTalk += count(turn.text, MED_TALK)
    p.supervisionTalk += count(turn.text, SUPERVISION_TALK)
    p.firstTurn = Math.min(p.firstTurn, index)
    p.lastTurn = Math.max(p.lastTurn, index)
  })
  return [...byLabel.values()]
}

/** How strongly a speaker behaves like the session's clinician: asks, reflects, opens and closes. */
function leadScore(p: Person, all: readonly Person[], totalTurns: number): number {
  const questions = all.reduce((n, q) => n + q.questions, 0) || 1
  const phrases = all.reduce((n, q) => n + q.phrases, 0) || 1
  return (
    3 * (p.questions / questions) +
    2 * (p.phrases / phrases) +
    (p.firstTurn === 0 ? 1 : 0) +
    (p.lastTurn === totalTurns - 1 ? 0.5 : 0)
  )
}

function percent(part: number, whole: number): string {
  return `${Math.round((100 * part) / Math.max(whole, 1))}%`
}

type Kind = 'individual' | 'family' | 'family-with-patient' | 'group' | 'supervision' | 'med-management'

function kindFromService(service: ServiceHint | undefined): Kind | undefined {
  switch (service) {
    case undefined:
      return undefined
    case 'family':
    case 'family-without-patient':
    case 'couples':
      return 'family'
    case 'family-with-patient':
    case 'group':
    case 'supervision':
    case 'med-management':
      return service
    default:
      return 'individual'
  }
}

interface Session {
  people: Person[]
  totalTurns: number
  given: (p: Person) => Role | undefined
  score: (p: Person) => number
}

interface ClinicianChoice {
  /** Clinician-side people whose role is still to be decided. */
  clinicians: Person[]
  /** The one leading the session (given or inferred), if anyone is clinician-side at all. */
  lead: Person | undefined
  /** Why the lead is the lead, in a few words. */
  leadWhy: string
}

/** Clinician side: given, titled or credentialed, or else the speaker who behaves most like a clinician. */
function chooseClinicians(session: Session): ClinicianChoice {
  const { people, given, score } = session
  const byScore = (list: readonly Person[]) => [...list].sort((a, b) => score(b) - score(a))
  const givenClinicians = people.filter((p) => {
    const g = given(p)
    return g !== undefined && isClinicianSide(g)
  })
  let clinicians = people.filter((p) => !given(p) && p.cue.clinicianSide)
  // Two titled people and no one else: a doctor can be a client too; the one who asks less is.
  if (clinicians.length === 2 && people.length === 2 && !clinicians.some((c) => c.cue.role)) {
    clinicians = byScore(clinicians).slice(0, 1)
  }
  if (clinicians.length > 0 || givenClinicians.length > 0) {
    const lead = byScore([...givenClinicians, ...clinicians])[0]!
    return { clinicians, lead, leadWhy: lead.cue.why ?? 'clinician' }
  }
  const unmarked = people.filter((p) => !given(p) && !p.cue.role)
  // A device label is not the clinician while anyone else could be.
  const named = unmarked.filter((p) => !p.cue.device)
  const lead = byScore(named.length > 0 ? named : unmarked)[0]
  if (!lead) return { clinicians: [], lead: undefined, leadWhy: '' }
  const questions = people.reduce((n, p) => n + p.questions, 0)
  const opens = lead.firstTurn === 0 ? ' and opens the session' : ''
  return {
    clinicians: [lead],
    lead,
    leadWhy: `asks ${percent(lead.questions, questions)} of the questions${opens}`,
  }
}

/** The kind of session, from the service hint or from the header and what the speakers talk about. */
function inferKind(
  input: RoleInput,
  lead: Person | undefined,
  others: readonly Person[],
): { kind: Kind; why: string } {
  const hinted = kindFromService(input.service)
  if (hinted) return { kind: hinted, why: `service is ${input.service}` }
  if (/\bsupervision\b/i.test(input.notes.join(' '))) {
    return { kind: 'supervision', why: 'the header names a supervision session' }
  }
  if (others.reduce((n, p) => n + p.supervisionTalk, 0) >= 3) {
    return { kind: 'supervision', why: 'the other speaker talks about their own clients and caseload' }
  }
  if (lead?.cue.prescriber) return { kind: 'med-management', why: lead.cue.why ?? 'prescriber' }
  // Medication talk alone is common (a counselor noting a dose); a titled clinician who keeps
  // returning to doses and side effects is running a medication visit.
  const medRate = lead ? lead.medTalk / Math.max(lead.words / 100, 1) : 0
  if (lead?.cue.clinicianSide && lead.medTalk >= 6 && medRate >= 0.4) {
    return { kind: 'med-management', why: 'the titled clinician manages medication (doses, side effects)' }
  }
  return { kind: 'individual', why: '' }
}

function sharesSurname(people: readonly Person[]): boolean {
  return people.some((a) =>
    people.some((b) => a !== b && surnames(a.labels[0]!).some((s) => surnames(b.labels[0]!).includes(s))),
  )
}

/**
 * Decide each speaker's role: given roles first, then label cues (titles, credentials, role
 * words, device names), then behaviour (who asks, opens and closes), then the shape of the
 * session (a late-joining relative, three or more members make a group, supervision, prescribing).
 */
export function assignRoles(input: RoleInput): Map<string, RoleDecision> {
  const decisions = new Map<string, RoleDecision>()
  const labels = [...new Set(input.turns.map((t) => t.speaker))]
  for (const label of labels) {
    const given = input.given.get(label)
    if (given) decisions.set(label, { role: given, roleSource: 'given', reason: 'set by the user' })
  }
  if (input.dictation) {
    const role: Role = input.service === 'med-management' ? 'prescriber' : 'clinician'
    for (const label of labels) {
      if (!decisions.has(label))
        decisions.set(label, { role, roleSource: 'inferred', reason: 'single-speaker dictation' })
    }
    return decisions
  }

  const spans = new Map<string, { first: number; last: number }>()
  input.turns.forEach((t, i) => {
    const s = spans.get(t.speaker)
    spans.set(t.speaker, s ? { first: s.first, last: i } : { first: i, last: i })
  })
  const people = profile(input, linkAliases(labels, spans))
  const total = input.turns.length
  const session: Session = {
    people,
    totalTurns: total,
    given: (p) => input.given.get(p.labels[0]!),
    score: (p) => leadScore(p, people, total),
  }
  const decide = (p: Person, role: Role, reason: string) => {
    for (const label of p.labels) {
      if (decisions.has(label)) continue
      const alias = label !== p.labels[0]
      decisions.set(label, {
        role,
        roleSource: 'inferred',
        reason: alias ? `same person as another label (rejoined or changed device); ${reason}` : reason,
        ...(alias ? { sameAs: p.labels[0]! } : {}),
      })
    }
  }

  if (people.length === 1 && !session.given(people[0]!)) {
    const only = people[0]!
    const role = only.cue.role ?? (only.cue.clinicianSide ? 'clinician' : 'unknown')
    decide(only, role, only.cue.why ?? 'the only speaker; nothing shows the role')
    return decisions
  }

  const { clinicians, lead, leadWhy } = chooseClinicians(session)
  const others = people.filter((p) => !session.given(p) && !clinicians.includes(p))
  const { kind, why: kindWhy } = inferKind(input, lead, others)

  if (lead && !session.given(lead)) {
    const role: Role =
      kind === 'supervision'
        ? 'supervisor'
        : kind === 'med-management' || lead.cue.prescriber
          ? 'prescriber'
          : (lead.cue.role ?? 'clinician')
    decide(
      lead,
      role,
      kind === 'supervision' || kind === 'med-management' ? `${leadWhy}; ${kindWhy}` : leadWhy,
    )
  }
  for (const c of clinicians) {
    if (c === lead) continue
    const role: Role =
      kind === 'supervision' ? 'supervisee' : c.cue.prescriber ? 'prescriber' : (c.cue.role ?? 'clinician')
    decide(c, role, c.cue.why ?? 'clinician')
  }
  for (const p of others) if (p.cue.role) decide(p, p.cue.role, p.cue.why ?? 'role word as the label')
  const rest = others.filter((p) => !p.cue.role)
  if (rest.length > 0) assignClientSide(input, session, { lead, clinicians, rest, kind, kindWhy }, decide)
  return decisions
}

interface ClientSideInput {
  lead: Person | undefined
  clinicians: readonly Person[]
  rest: readonly Person[]
  kind: Kind
  kindWhy: string
}

/** Roles for the people who are not clinicians: supervisee, group member, family or client. */
function assignClientSide(
  input: RoleInput,
  session: Session,
  { lead, clinicians, rest, kind, kindWhy }: ClientSideInput,
  decide: (p: Person, role: Role, reason: string) => void,
): void {
  const withDevice = (p: Person, why: string) => (p.cue.device ? `${p.cue.why}; ${why}` : why)
  if (kind === 'supervision') {
    for (const p of rest) decide(p, 'supervisee', kindWhy)
    return
  }
  const clientSide = session.people.filter((p) => {
    const g = session.given(p)
    return !clinicians.includes(p) && !(g && isClinicianSide(g))
  })
  const related = sharesSurname(clientSide)
  const familyKind = kind === 'family' || kind === 'family-with-patient'
  if (kind === 'group' || (!familyKind && clientSide.length >= 3 && !related)) {
    const why =
      kind === 'group' ? kindWhy : `${clientSide.length} participants besides the clinicians: a group session`
    for (const p of rest) decide(p, 'group-member', withDevice(p, why))
    return
  }
  if (kind === 'family') {
    for (const p of rest) decide(p, 'family', kindWhy)
    return
  }
  const total = session.totalTurns
  // Joining late means after a real stretch of the session, not the third turn of a short one.
  const lateFrom = Math.max(total * 0.2, 6)
  const early = clientSide.filter((p) => p.firstTurn < lateFrom)
  const jointly =
    lead !== undefined &&
    input.turns.some((t) => lead.labels.includes(t.speaker) && JOINT_ADDRESS.test(t.text))
  // Relatives present together from the start, about someone absent: a family session without the patient.
  if (kind !== 'family-with-patient' && early.length >= 2 && (jointly || related)) {
    const why = jointly
      ? 'addressed together with another participant from the start: a family session'
      : 'shares a surname with another participant present from the start: a family session'
    for (const p of rest) decide(p, 'family', why)
    return
  }
  const client =
    clientSide.find((p) => session.given(p) === 'client') ??
    (early.length > 0 ? early : clientSide)
      .filter((p) => rest.includes(p))
      .sort((a, b) => b.words - a.words)[0]
  const clientWords = clientSide.reduce((n, q) => n + q.words, 0)
  for (const p of rest) {
    if (p === client) {
      const why =
        clientSide.length === 1
          ? 'the only speaker besides the clinician'
          : `speaks most (${percent(p.words, clientWords)} of the non-clinician words)`
      decide(p, 'client', withDevice(p, why))
      continue
    }
    const near = input.turns
      .slice(Math.max(0, p.firstTurn - 10), p.firstTurn + 10)
      .some((t) => FAMILY_TERMS.test(t.text))
    const late =
      p.firstTurn >= lateFrom
        ? `joined late (${percent(p.firstTurn, total)} into the session)`
        : 'a second participant besides the client'
    decide(p, 'family', near ? `${late}; addressed or speaking in family terms` : late)
  }
}
