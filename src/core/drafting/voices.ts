import type { Role, Transcript } from '../transcript/utterance.js'
import type { NoteFormat } from './draft.schema.js'
import type { Voices } from './realize.js'

export function sameMember(a: string, b: string): boolean {
  const key = (label: string) =>
    label
      .toLowerCase()
      .replace(/['’]s\b.*$/, '')
      .split(/[\s,(]+/)[0] ?? ''
  return a === b || (key(a).length > 1 && key(a) === key(b))
}

export function voicesFor(transcript: Transcript, format: NoteFormat, member: string | undefined): Voices {
  const roleOf = new Map(transcript.speakers.map((s) => [s.label, s.role]))
  const familyWithClient = transcript.speakers.some((s) => s.role === 'client')
  // A family member is named by the first word of their label when no other speaker shares it
  // ("Adaeze Okafor-Whitcombe" → "Adaeze"): the note names them on nearly every line.
  const firstWord = (label: string) =>
    label
      .replace(/\(.*?\)/g, '')
      .trim()
      .split(/[\s,]+/)[0] ?? label
  const shortName = new Map<string, string>()
  for (const s of transcript.speakers) {
    const first = firstWord(s.label)
    const unique = transcript.speakers.filter((o) => firstWord(o.label) === first).length === 1
    shortName.set(s.label, unique && /^\p{Lu}\p{L}+$/u.test(first) ? first : s.label)
  }
  return {
    nameOf(label) {
      const role = roleOf.get(label) ?? 'unknown'
      if (format === 'group' && member && sameMember(label, member)) return 'Client'
      const names: Partial<Record<Role, string>> = {
        client: 'Client',
        supervisee: 'Supervisee',
        supervisor: 'Supervisor',
        clinician: 'Clinician',
        prescriber: 'Prescriber',
        'group-member': 'Another member',
      }
      if (role === 'family')
        return format === 'family' || !familyWithClient
          ? (shortName.get(label) ?? label)
          : `Family member (${label})`
      return names[role] ?? 'Speaker'
    },
    selfOf(label) {
      const role = roleOf.get(label)
      return role === 'supervisor' ? 'Supervisor' : role === 'prescriber' ? 'Prescriber' : 'Clinician'
    },
    addressee:
      format === 'supervision'
        ? 'Supervisee'
        : format === 'family' && !familyWithClient
          ? 'Family'
          : 'Client',
  }
}
