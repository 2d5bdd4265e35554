import type { FlagSubject } from '../drafting/draft.schema.js'
import { isClinicianSide, type Role, type Utterance } from '../transcript/utterance.js'
import { CHILD_NOUNS, FICTION_MARKERS, PERSON_NOUNS, PERSON_PRONOUNS } from './risk-lexicon.js'

/**
 * What kind of session the utterances come from, read from the roles present. It decides who a
 * "he" or "she" most likely is: the identified patient in a family session without the patient, the
 * supervisee's client in supervision, the patient in a clinician's own dictated report, and someone
 * outside the session otherwise.
 */
export type SessionMode = 'report' | 'individual' | 'group' | 'family-absent' | 'supervision'

/** Who a flag is about, or `null` when the words are nobody's risk to flag. */
export type Whose = { subject: FlagSubject; speaker?: string } | null

/** A person as a sentence refers to them. */
export type PersonRef =
  | { kind: 'self' }
  | { kind: 'addressee' }
  | { kind: 'other'; phrase: string }
  | { kind: 'none' }

/** The session facts subject resolution needs. */
export interface SessionContext {
  mode: SessionMode
  focus: string | undefined
  /** First names (lower case) of present speakers → their label and role. */
  names: Map<string, { label: string; role: Role }>
  /** More than one client speaks (couples): "he" or "she" is most likely the other client. */
  couple: boolean
}

/** Read the session mode and the present speakers' names from the utterances. */
export function readSession(utterances: readonly Utterance[], focus: string | undefined): SessionContext {
  const roles = new Set(utterances.map((u) => u.role))
  const names = new Map<string, { label: string; role: Role }>()
  for (const u of utterances) {
    for (const word of u.speaker.split(/[\s,()]+/)) {
      if (/^[A-Z][a-z]{2,}$/.test(word) && !names.has(word.toLowerCase()))
        names.set(word.toLowerCase(), { label: u.speaker, role: u.role })
    }
  }
  const has = (r: Role) => roles.has(r)
  let mode: SessionMode = 'individual'
  if (utterances.length > 0 && utterances.every((u) => isClinicianSide(u.role))) mode = 'report'
  else if (has('supervisee') && !has('client') && !has('group-member')) mode = 'supervision'
  else if (has('group-member')) mode = 'group'
  else if (has('family') && !has('client')) mode = 'family-absent'
  const clients = new Set(utterances.filter((u) => u.role === 'client').map((u) => u.speaker))
  return { mode, focus, names, couple: clients.size > 1 }
}

/** Who the speaker of an utterance is as a flag subject. */
export function speakerSubject(u: Utterance, ctx: SessionContext): Whose {
  switch (u.role) {
    case 'client':
    case 'unknown':
      return { subject: 'client', speaker: u.speaker }
    case 'group-member':
      return ctx.focus !== undefined && u.speaker === ctx.focus
        ? { subject: 'client', speaker: u.speaker }
        : { subject: 'group-member', speaker: u.speaker }
    case 'family':
      return { subject: 'family', speaker: u.speaker }
    case 'supervisee':
      return { subject: 'clinician', speaker: u.speaker }
    default:
      // A clinician's dictated report is about the patient; in a live session a clinician's own
      // words are questions and reflections, handled as such.
      return ctx.mode === 'report' ? { subject: 'client' } : null
  }
}

function words(phrase: string): string[] {
  return phrase.toLowerCase().match(/[a-z'-]+/g) ?? []
}

/** True when a phrase names a person: a pronoun, "my brother", or a capitalised name. */
export function isPersonPhrase(phrase: string, original: string): boolean {
  const w = words(phrase)
  if (w.length === 0) return false
  // "her" before a noun is a possessive ("push her as much", "her car"), not a person.
  if (PERSON_PRONOUNS.has(w[0]!) && (w.length === 1 || !POSSESSIVES.has(w[0]!))) return true
  if (w.length > 1) return w.slice(1).some((x) => PERSON_NOUNS.has(x.replace(/'s$/, '')))
  if (PERSON_NOUNS.has(w[0]!)) return true
  return isName(original)
}

const POSSESSIVES = new Set(['her', 'his', 'their', 'your', 'my', 'our'])

// Capitalised words that start sentences or are not names.
const NOT_NAMES = new Set(
  `The A An And Then So But When If It This That There Sometimes Maybe Like Yeah No Yes Well Okay Oh Also Just Even
  Now Later After Before Because Everyone Everybody Nobody Someone Somebody People Friday Saturday Sunday Monday
  Tuesday Wednesday Thursday God I Mom Dad Mum Nothing Something Anything Everything Or Who What Where Why How
  Which Whoever Not Never Any Some Please Thank Thanks Sorry Right Sure Hey Hi Hello Besides Reports Reported
  Endorses Endorsed Denies Denied States Stated Describes Described Admits Admitted Notes Noted Presents Client
  Patient Pt Mother Father Husband Wife Son Daughter Brother Sister Per Has Had Was Is Does Did`
    .split(/\s+/)
    .filter(Boolean),
)

function isName(original: string): boolean {
  const word = original.trim()
  return /^[A-Z][a-z'.-]+$/.test(word) && !NOT_NAMES.has(word.replace(/'s$/, ''))
}

/** The person a third-person phrase or pronoun most likely is, given the session and what came before. */
export function otherSubject(
  phrase: string,
  original: string,
  context: string,
  ctx: SessionContext,
  speakerRole?: Role,
): Whose {
  const w = words(phrase)
  const head = w[w.length - 1] ?? ''
  const named = ctx.names.get(head)
  if (named && isName(original)) {
    if (isClinicianSide(named.role)) return null
    return named.role === 'family'
      ? { subject: 'family', speaker: named.label }
      : { subject: named.role === 'group-member' ? 'group-member' : 'client', speaker: named.label }
  }
  if (FICTION_MARKERS.test(context)) return null
  const nouns =
    [
      ...w,
      ...(context.match(
        /\b(?:my|his|her|your|our|their|a|the) (?:own |older |younger |little |big |old )?([a-z'-]+)/g,
      ) ?? []),
    ]
      .join(' ')
      .match(/[a-z'-]+/g) ?? []
  const mentionsOther =
    nouns.some((x) => PERSON_NOUNS.has(x) && !CHILD_NOUNS.has(x)) || /\bold man\b/.test(context)
  switch (ctx.mode) {
    case 'report':
      return mentionsOther ? { subject: 'third-party' } : { subject: 'client' }
    case 'supervision':
      return { subject: 'third-party' }
    case 'family-absent':
      return mentionsOther ? { subject: 'third-party' } : { subject: 'client' }
    default:
      // A parent speaking in the client's session about "she" or "my daughter" means the client.
      if (speakerRole === 'family' && !mentionsOther) return { subject: 'client' }
      if (ctx.couple && speakerRole === 'client' && !mentionsOther) return { subject: 'client' }
      return { subject: 'third-party' }
  }
}

/** Resolve a person reference to a flag subject. */
export function resolvePerson(
  ref: PersonRef,
  u: Utterance,
  ctx: SessionContext,
  context: string,
  original: string,
): Whose {
  switch (ref.kind) {
    case 'self':
      return speakerSubject(u, ctx)
    case 'addressee':
      // Generic "you" in a client's talk is the speaker; a family member's "you" is another family member.
      return u.role === 'family' ? { subject: 'family' } : speakerSubject(u, ctx)
    case 'other':
      return otherSubject(ref.phrase, original, context, ctx, u.role)
    case 'none':
      // A supervisee's unowned statement is about the client under discussion.
      if (ctx.mode === 'supervision' && u.role === 'supervisee') return { subject: 'third-party' }
      return speakerSubject(u, ctx)
  }
}
