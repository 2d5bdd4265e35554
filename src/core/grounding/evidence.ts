import type { ClinicianInput, Flag } from '../drafting/draft.schema.js'
import { categoryOfKind, RISK_LABEL } from '../guard/index.js'
import type { Transcript, Utterance } from '../transcript/utterance.js'
import { analyseText, forEachStem, type TextAnalysis } from './analyse.js'
import { buildSpeakerDirectory, type SpeakerDirectory } from './attribution.js'

/** Options that say who the client is when roles alone cannot (a group note is for one member). */
export interface EvidenceOptions {
  clinicianInput?: readonly ClinicianInput[] | undefined
  /** Speaker labels of the client; default: every speaker with role `client`. */
  clientLabels?: readonly string[] | undefined
  /** Risk flags of the session: a statement citing a flag's evidence may name the flag's category. */
  riskFlags?: readonly Flag[] | undefined
}

// How notes name a risk category besides the detector's label (a denied attempt is "past attempts to
// end their life"; a third party's risk is "a risk concern about another person").
const RISK_NOTE_WORDS: Readonly<Record<string, string>> = {
  suicide_attempt: 'past attempts to end life',
  homicidal_ideation: 'homicidal',
  suicidal_ideation: 'suicidal ideation',
}
const THIRD_PARTY_WORDS = 'risk concern about another person'

/** The words a note may use for a flag's category, as a text to analyse. */
function flagLabel(flag: Flag): string {
  const kind = flag.kind.replace(/^risk\./, '')
  const category = categoryOfKind(flag.kind)
  return [
    category ? RISK_LABEL[category] : '',
    kind.replace(/_/g, ' '),
    Object.hasOwn(RISK_NOTE_WORDS, kind) ? RISK_NOTE_WORDS[kind] : '',
    flag.subject === 'third-party' ? THIRD_PARTY_WORDS : '',
  ].join(' ')
}

/** The transcript and clinician input indexed once, so every statement is checked in constant time. */
export interface EvidenceIndex {
  readonly transcript: Transcript
  readonly directory: SpeakerDirectory
  utterance(id: string): Utterance | undefined
  clinicianInput(id: string): ClinicianInput | undefined
  /** The analysis of an utterance or clinician input, computed on first use. */
  analysis(id: string): TextAnalysis | undefined
  /** The utterance before `id`, when it is another speaker's question that `id` answers. */
  question(id: string): { id: string; analysis: TextAnalysis; answer: 'yes' | 'no' } | undefined
  /** How much a stem counts in overlap: more when it is rare in this session. */
  weight(stem: string): number
  /** Risk flags resting on this utterance, with the words of their category label analysed. */
  flags(id: string): readonly { flag: Flag; label: TextAnalysis }[]
  /** The stems of a speaker's label ("Graham Whitcombe" → graham, whitcomb): a statement may name who spoke. */
  speakerStems(label: string): ReadonlySet<string>
}

/** Index a transcript (and clinician input) for verification. */
export function indexEvidence(transcript: Transcript, options: EvidenceOptions = {}): EvidenceIndex {
  const position = new Map<string, number>()
  transcript.utterances.forEach((u, i) => {
    position.set(u.id, i)
  })
  const inputs = new Map<string, ClinicianInput>()
  for (const c of options.clinicianInput ?? []) inputs.set(c.id, c)
  const cache = new Map<string, TextAnalysis>()
  const directory = buildSpeakerDirectory(transcript.utterances, {
    clientLabels: options.clientLabels,
    dictation: transcript.format === 'dictation',
  })

  const analysis = (id: string): TextAnalysis | undefined => {
    const cached = cache.get(id)
    if (cached) return cached
    const p = position.get(id)
    const text = p !== undefined ? transcript.utterances[p]!.text : inputs.get(id)?.text
    if (text === undefined) return undefined
    const a = analyseText(text)
    cache.set(id, a)
    return a
  }

  let documentFrequency: Map<string, number> | undefined
  const frequencies = (): Map<string, number> => {
    if (documentFrequency) return documentFrequency
    const df = new Map<string, number>()
    // Count each stem once per utterance: remember the last utterance that counted it.
    const last = new Map<string, number>()
    transcript.utterances.forEach((u, i) => {
      forEachStem(u.text, (s) => {
        if (last.get(s) === i) return
        last.set(s, i)
        df.set(s, (df.get(s) ?? 0) + 1)
      })
    })
    documentFrequency = df
    return df
  }
  const n = transcript.utterances.length
  const flagsById = new Map<string, { flag: Flag; label: TextAnalysis }[]>()
  for (const flag of options.riskFlags ?? []) {
    if (!flag.kind.startsWith('risk.')) continue
    const entry = { flag, label: analyseText(flagLabel(flag)) }
    for (const id of new Set(flag.evidence)) flagsById.set(id, [...(flagsById.get(id) ?? []), entry])
  }
  const labelStems = new Map<string, Set<string>>()

  return {
    transcript,
    directory,
    utterance: (id) => {
      const p = position.get(id)
      return p === undefined ? undefined : transcript.utterances[p]
    },
    clinicianInput: (id) => inputs.get(id),
    analysis,
    question: (id) => {
      const p = position.get(id)
      if (p === undefined || p === 0) return undefined
      const answer = analysis(id)?.answer
      const prev = transcript.utterances[p - 1]!
      if (answer === undefined || prev.speaker === transcript.utterances[p]!.speaker) return undefined
      const q = analysis(prev.id)!
      return q.question ? { id: prev.id, analysis: q, answer } : undefined
    },
    // Inverse document frequency over utterances, floored so that no content word is free.
    weight: (stem) => 0.5 + Math.log((n + 1) / ((frequencies().get(stem) ?? 0) + 0.5)),
    flags: (id) => flagsById.get(id) ?? [],
    speakerStems: (label) => {
      let stems = labelStems.get(label)
      if (!stems) {
        stems = analyseText(label.replace(/\([^)]*\)/g, ' ')).stems
        labelStems.set(label, stems)
      }
      return stems
    },
  }
}
