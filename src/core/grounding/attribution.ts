import { STOPWORDS } from '../text/index.js'
import type { Role, Utterance } from '../transcript/utterance.js'
import { isClinicianSide } from '../transcript/utterance.js'
import type { Word } from './analyse.js'
import {
  NAME_TITLES,
  REPORTING_VERBS,
  SUBJECT_FILLERS,
  SUBJECT_ROLES,
  TEMPLATE_WORDS,
  VERB_FILLERS,
  WORD_CANON,
} from './vocabulary.js'

/** Who a statement says is speaking: a role noun ("Client", "Mother") or a person's name. */
export type Subject = { kind: 'role'; noun: string; roles: readonly Role[] } | { kind: 'name'; name: string }

/** The subject phrase of a statement and whether a reporting verb follows it. */
export interface Attribution {
  subjects: Subject[]
  /** True for "X reported/stated/denied …": then X must have said the evidence. */
  reporting: boolean
  /** Index of the first word after the subject (and reporting verb): the statement's content. */
  bodyStart: number
}

/** The session's speakers as the attribution check sees them. */
export interface SpeakerDirectory {
  /** Lower-case name → speaker labels, from the labels themselves and from how people are addressed. */
  names: ReadonlyMap<string, ReadonlySet<string>>
  roles: ReadonlyMap<string, Role>
  /** Labels of the client when known (a group note is for one member). */
  clientLabels: ReadonlySet<string> | undefined
  /** A dictated note: the clinician speaks for everyone. */
  dictation: boolean
}

function isCapitalised(w: Word): boolean {
  return /^\p{Lu}/u.test(w.text)
}

function isNameCandidate(w: Word): boolean {
  return (
    isCapitalised(w) &&
    !STOPWORDS.has(w.norm) &&
    !TEMPLATE_WORDS.has(w.norm) &&
    SUBJECT_ROLES.get(w.norm) === undefined &&
    !/^\d/.test(w.norm)
  )
}

/** Read "Client's mother stated that …", "Mr. Blaylock reported …", "Clinician and client agreed …". */
export function parseAttribution(words: readonly Word[], directory: SpeakerDirectory): Attribution {
  const subjects: Subject[] = []
  let i = 0
  let namedSpeaker = false
  for (;;) {
    while (i < words.length && SUBJECT_FILLERS.has(words[i]!.norm)) i++
    const w = words[i]
    if (!w) break
    const base = w.norm.replace(/'s$/, '')
    // "Client's mother": the possessor is not the subject; the noun after it is.
    if (w.norm.endsWith("'s") && (SUBJECT_ROLES.get(base) !== undefined || isNameCandidate(w))) {
      const next = words[i + 1]
      if (next && SUBJECT_ROLES.get(WORD_CANON.get(next.norm) ?? next.norm) !== undefined) {
        i++
        continue
      }
      break
    }
    const roles = SUBJECT_ROLES.get(WORD_CANON.get(w.norm) ?? w.norm)
    if (roles !== undefined) {
      subjects.push({ kind: 'role', noun: w.norm, roles })
      i++
    } else if (NAME_TITLES.has(w.norm) && words[i + 1] && isCapitalised(words[i + 1]!)) {
      subjects.push({ kind: 'name', name: words[i + 1]!.text })
      namedSpeaker ||= directory.names.has(words[i + 1]!.norm)
      i += 2
    } else if (isNameCandidate(w)) {
      subjects.push({ kind: 'name', name: w.text })
      namedSpeaker ||= directory.names.has(w.norm)
      i++
      // "Graham Whitcombe stated": a surname after the given name.
      if (words[i] && isNameCandidate(words[i]!) && !REPORTING_VERBS.has(words[i]!.norm)) i++
    } else break
    if (words[i]?.norm === 'and' || words[i]?.norm === 'or') {
      i++
      continue
    }
    break
  }
  let j = i
  while (j < words.length && VERB_FILLERS.has(words[j]!.norm)) j++
  const reporting = subjects.length > 0 && j < words.length && REPORTING_VERBS.has(words[j]!.norm)
  if (reporting) {
    j++
    if (words[j]?.norm === 'that') j++
    return { subjects, reporting, bodyStart: j }
  }
  // Without a reporting verb a role noun or a known speaker's name is still only the subject; an
  // unknown capitalised first word ("Sleep improved") is content.
  const onlyRoles = subjects.every((s) => s.kind === 'role')
  if (subjects.length > 0 && (onlyRoles || namedSpeaker)) return { subjects, reporting: false, bodyStart: i }
  return { subjects: [], reporting: false, bodyStart: 0 }
}

const ROLE_WORD: Record<Role, string> = {
  clinician: 'the clinician',
  prescriber: 'the clinician',
  supervisor: 'the supervisor',
  supervisee: 'the supervisee',
  client: 'the client',
  family: 'a family member',
  'group-member': 'a group member',
  unknown: 'an unidentified speaker',
}

function describe(speakers: readonly { role: Role }[]): string {
  const words = [...new Set(speakers.map((s) => ROLE_WORD[s.role]))]
  return words.length === 1 ? `${words[0]!}'s` : `${words.join(' and ')}'s`
}

/** A speaker of the evidence: an utterance's label and role, or the clinician for clinician input. */
export interface EvidenceSpeaker {
  label: string | undefined
  role: Role
}

function allowedRoles(subject: Extract<Subject, { kind: 'role' }>, directory: SpeakerDirectory): Set<Role> {
  const roles = new Set<Role>(subject.roles)
  if (roles.has('client') && ![...directory.roles.values()].includes('client')) roles.add('group-member')
  return roles
}

function satisfies(subject: Subject, speaker: EvidenceSpeaker, directory: SpeakerDirectory): boolean {
  if (speaker.role === 'unknown') return true
  if (subject.kind === 'role') {
    if (
      subject.roles.includes('client') &&
      directory.clientLabels !== undefined &&
      speaker.label !== undefined &&
      directory.clientLabels.size > 0
    )
      return directory.clientLabels.has(speaker.label)
    return allowedRoles(subject, directory).has(speaker.role)
  }
  const labels = directory.names.get(subject.name.toLowerCase())
  return labels !== undefined && speaker.label !== undefined && labels.has(speaker.label)
}

/**
 * "Client reported …" must rest on something the client said, "Mother stated …" on a family
 * member's words, "Graham said …" on Graham's. In a dictated note the clinician speaks for everyone.
 */
export function checkAttribution(
  attribution: Attribution,
  speakers: readonly EvidenceSpeaker[],
  directory: SpeakerDirectory,
): string[] {
  if (!attribution.reporting || speakers.length === 0) return []
  if (directory.dictation && speakers.every((s) => isClinicianSide(s.role))) return []
  const ok = attribution.subjects.some((subject) => speakers.some((s) => satisfies(subject, s, directory)))
  if (ok) return []
  const subject = attribution.subjects[0]!
  if (subject.kind === 'name' && !directory.names.has(subject.name.toLowerCase()))
    return [`attributed to ${subject.name}, who is not a speaker in the session`]
  const who = subject.kind === 'role' ? subject.noun : subject.name
  return [`attributed to ${who} but evidence is ${describe(speakers)}`]
}

// Capitalised words said to someone that are not their name ("Oh, God.", "Thanks, man.").
const INTERJECTIONS: ReadonlySet<string> = new Set(
  `god gosh lord jesus christ man dude buddy honey sweetie babe guys sir ma monday tuesday wednesday thursday
  friday saturday sunday january february march april june july august september october november december`.split(
    /\s+/,
  ),
)

const GREETING_NAME =
  /\b(?:[Hh]i|[Hh]ey|[Hh]ello|[Tt]hanks|[Tt]hank you|[Bb]ye|[Gg]oodbye|[Mm]orning|[Ee]vening|[Ww]elcome|[Nn]ight)\s*,?\s+(\p{Lu}\p{Ll}[\p{L}'’-]*)/gu
const TRAILING_NAME = /,\s+(\p{Lu}\p{Ll}[\p{L}'’-]*)\s*[.?!]/gu

function labelNames(label: string): string[] {
  const main = label.replace(/\([^)]*\)/g, ' ').split(',')[0] ?? ''
  return (main.match(/[\p{L}][\p{L}'’.-]*/gu) ?? [])
    .map((t) => t.toLowerCase().replace(/\.$/, ''))
    .filter(
      (t) => t.length >= 2 && !/['’]s$/.test(t) && !NAME_TITLES.has(t) && SUBJECT_ROLES.get(t) === undefined,
    )
}

/**
 * Names of the speakers: the words of their labels ("Graham Whitcombe", "Dr. Ostrowski") and the
 * names others address them by ("Hi, Desmond" said to the speaker labelled "Loretta's iPad").
 */
export function buildSpeakerDirectory(
  utterances: readonly Utterance[],
  options: { clientLabels?: readonly string[] | undefined; dictation: boolean },
): SpeakerDirectory {
  const names = new Map<string, Set<string>>()
  const roles = new Map<string, Role>()
  const add = (name: string, label: string) => {
    const set = names.get(name) ?? new Set<string>()
    set.add(label)
    names.set(name, set)
  }
  for (const u of utterances) {
    if (roles.has(u.speaker)) continue
    roles.set(u.speaker, u.role)
    for (const n of labelNames(u.speaker)) add(n, u.speaker)
  }
  const votes = new Map<string, Map<string, number>>()
  for (let i = 0; i < utterances.length; i++) {
    const u = utterances[i]!
    const addressee = [utterances[i + 1], utterances[i - 1]].find(
      (v) => v && v.speaker !== u.speaker,
    )?.speaker
    if (addressee === undefined) continue
    // Quoted speech addresses someone else ("The tile's not going anywhere, Des." said by a boss).
    const spoken = u.text.replace(/"[^"]*"|“[^”]*”/g, ' ')
    for (const re of [GREETING_NAME, TRAILING_NAME]) {
      for (const m of spoken.matchAll(re)) {
        const name = m[1]!.toLowerCase().replace(/['’]s$/, '')
        if (
          STOPWORDS.has(name) ||
          INTERJECTIONS.has(name) ||
          SUBJECT_ROLES.get(WORD_CANON.get(name) ?? name) !== undefined ||
          names.has(name)
        )
          continue
        const v = votes.get(name) ?? new Map<string, number>()
        v.set(addressee, (v.get(addressee) ?? 0) + 1)
        votes.set(name, v)
      }
    }
  }
  // A name mostly used in the third person ("June" the late wife, addressed once in a memory) is
  // somebody talked about, not a speaker's name.
  const mentions = new Map<string, number>()
  if (votes.size > 0) {
    for (const u of utterances) {
      for (const w of u.text.toLowerCase().match(/\p{L}[\p{L}'’-]*/gu) ?? []) {
        const name = w.replace(/['’]s$/, '')
        if (votes.has(name)) mentions.set(name, (mentions.get(name) ?? 0) + 1)
      }
    }
  }
  for (const [name, v] of votes) {
    const best = [...v.entries()].sort((a, b) => b[1] - a[1])[0]
    const vocative = [...v.values()].reduce((a, b) => a + b, 0)
    if (best && vocative * 3 >= (mentions.get(name) ?? 0)) add(name, best[0])
  }
  const clientLabels = options.clientLabels?.length ? new Set(options.clientLabels) : undefined
  return { names, roles, clientLabels, dictation: options.dictation }
}
