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
        return format === 'family' || !familyWithClient ? label : `Family member (${label})`
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
