import { deidentify, type KnownIdentifiers, type PlaceholderMap } from '../deid/index.js'
import type { ClinicianInput, NoteFormat } from '../drafting/draft.schema.js'
import { wordBudget } from '../drafting/engine.js'
import { FORMATS } from '../drafting/formats.js'
import { sameMember } from '../drafting/voices.js'
import { countWords } from '../text/index.js'
import { isClinicianSide, type Role, type Transcript, type Utterance } from '../transcript/utterance.js'
import type { DraftRequest } from './engine.js'

/** The user message a model receives: only what drafting this note needs, de-identified. */
export interface ModelPayload {
  task: 'draft-note'
  format: NoteFormat
  title: string
  sections: { key: string; title: string }[]
  targetWords: number
  speakers: { speaker: string; role: Role }[]
  utterances: { id: string; speaker: string; text: string }[]
  clinicianInput: { id: string; field?: string; text: string }[]
}

/** What goes out, and what stays home to read the answer (the placeholder map never leaves). */
export interface ModelInput {
  payload: ModelPayload
  /** The payload as sent (JSON). */
  text: string
  map: PlaceholderMap
  /** The evidence ids the model may cite: the utterances and clinician input it was given. */
  evidenceIds: ReadonlySet<string>
  deidentified: boolean
}

const ROLE_TAG: Record<Role, string> = {
  clinician: 'clinician',
  prescriber: 'prescriber',
  client: 'client',
  family: 'family member',
  'group-member': 'group member',
  supervisor: 'supervisor',
  supervisee: 'supervisee',
  unknown: 'speaker',
}

/**
 * Speaker labels are names (or devices named after people): the model gets role tags instead,
 * numbered when a role has several speakers ("family member 1"). A relabelled speaker keeps the
 * tag of the label it is the same person as; in a group note the member it is for is "client".
 */
export function speakerTags(
  transcript: Transcript,
  format: NoteFormat,
  member?: string,
): Map<string, string> {
  const isFocus = (label: string) => format === 'group' && member !== undefined && sameMember(label, member)
  const people = transcript.speakers.filter((s) => !s.sameAs && !isFocus(s.label))
  const perRole = new Map<Role, number>()
  for (const s of people) perRole.set(s.role, (perRole.get(s.role) ?? 0) + 1)
  const seen = new Map<Role, number>()
  const tags = new Map<string, string>()
  for (const s of people) {
    const n = (seen.get(s.role) ?? 0) + 1
    seen.set(s.role, n)
    tags.set(s.label, (perRole.get(s.role) ?? 0) > 1 ? `${ROLE_TAG[s.role]} ${n}` : ROLE_TAG[s.role])
  }
  for (const s of transcript.speakers) {
    if (isFocus(s.label)) tags.set(s.label, 'client')
    else if (s.sameAs) tags.set(s.label, tags.get(s.sameAs) ?? ROLE_TAG[s.role])
  }
  return tags
}

/**
 * Minimum necessary: the utterances this note needs. A group note is about one member, so the
 * other members' words stay home; the facilitators' words and the member's own go. Empty turns
 * and transcriber notes never go.
 */
export function selectUtterances(transcript: Transcript, format: NoteFormat, member?: string): Utterance[] {
  const said = transcript.utterances.filter((u) => u.text.trim() !== '')
  if (format !== 'group' || member === undefined) return said
  return said.filter((u) => isClinicianSide(u.role) || sameMember(u.speaker, member))
}

/** Every speaker label and its name parts are identifiers, added to what the practice knows. */
function knownWithLabels(transcript: Transcript, known: KnownIdentifiers | undefined): KnownIdentifiers {
  const labels = transcript.speakers.map((s) => s.label).filter((l) => l.trim() !== '')
  return { ...known, names: [...(known?.names ?? []), ...labels] }
}

/**
 * De-identify several texts as one document, so one identifier gets one placeholder everywhere
 * (and a name said in one turn is found in the others), then cut the result back into the texts.
 * A span that crosses from one text into the next gives its placeholder to both pieces.
 */
export function deidentifyTexts(
  texts: readonly string[],
  known: KnownIdentifiers,
): { texts: string[]; map: PlaceholderMap } {
  const joined = texts.join('\n')
  const { spans, map } = deidentify(joined, { known })
  const placeholderOf = new Map<string, string>()
  for (const [placeholder, original] of Object.entries(map)) {
    const type = placeholder.slice(1, placeholder.lastIndexOf('_')).toLowerCase()
    placeholderOf.set(`${type}\u0000${original}`, placeholder)
  }
  const out: string[] = []
  let start = 0
  for (const text of texts) {
    const end = start + text.length
    const parts: string[] = []
    let at = start
    for (const span of spans) {
      if (span.end <= start || span.start >= end) continue
      const from = Math.max(span.start, start)
      parts.push(joined.slice(at, from), placeholderOf.get(`${span.type}\u0000${span.text}`) ?? '[REDACTED]')
      at = Math.min(span.end, end)
    }
    parts.push(joined.slice(at, end))
    out.push(parts.join(''))
    start = end + 1
  }
  return { texts: out, map }
}

/** Build what a model is sent for a draft: minimum necessary, role tags, de-identified when required. */
export function buildModelInput(request: DraftRequest, deidentifyText: boolean): ModelInput {
  const { transcript, format, member } = request
  const tags = speakerTags(transcript, format, member)
  const utterances = selectUtterances(transcript, format, member)
  const clinicianInput: ClinicianInput[] = request.clinicianInput ?? []
  const raw = [...utterances.map((u) => u.text), ...clinicianInput.map((c) => c.text)]
  const { texts, map } = deidentifyText
    ? deidentifyTexts(raw, knownWithLabels(transcript, request.known))
    : { texts: raw, map: {} }
  const spec = FORMATS[format]
  const sourceWords = utterances.reduce((n, u) => n + countWords(u.text), 0)
  const sentTags = new Set(utterances.map((u) => tags.get(u.speaker) ?? 'speaker'))
  const roleOfTag = new Map<string, Role>()
  for (const s of transcript.speakers) {
    const tag = tags.get(s.label)
    if (tag && sentTags.has(tag) && !roleOfTag.has(tag)) roleOfTag.set(tag, s.role)
  }
  const payload: ModelPayload = {
    task: 'draft-note',
    format,
    title: spec.title,
    sections: spec.sections.map((s) => ({ key: s.key, title: s.title })),
    targetWords:
      request.maxWords ??
      wordBudget(format, transcript.minutes, sourceWords, transcript.format === 'dictation'),
    speakers: [...roleOfTag].map(([speaker, role]) => ({ speaker, role })),
    utterances: utterances.map((u, i) => ({
      id: u.id,
      speaker: tags.get(u.speaker) ?? 'speaker',
      text: texts[i]!,
    })),
    clinicianInput: clinicianInput.map((c, i) => ({
      id: c.id,
      ...(c.field ? { field: c.field } : {}),
      text: texts[utterances.length + i]!,
    })),
  }
  return {
    payload,
    text: JSON.stringify(payload),
    map,
    evidenceIds: new Set([...utterances.map((u) => u.id), ...clinicianInput.map((c) => c.id)]),
    deidentified: deidentifyText,
  }
}
