import { describe, expect, it } from 'vitest'
import { formatForService } from '../../../scripts/eval/formats.js'
import { itemPresent, noteText } from '../../../scripts/eval/notes.js'
import { goldRegex, loadSamples, samplesAvailable } from '../../../test/support/samples.js'
import { detectRisk } from '../guard/index.js'
import { countWords } from '../text/index.js'
import { parseTranscript } from '../transcript/index.js'
import { draftWithEmbeddedEngine, wordBudget } from './engine.js'
import { NOT_ADDRESSED } from './formats.js'

const samples = samplesAvailable() ? loadSamples() : []

const drafted = samples.map((sample) => {
  const transcript = parseTranscript(sample.bytes)
  const member = sample.gold.group?.note_for
  const options = {
    format: formatForService(sample.gold.session.service),
    ...(member ? { member } : {}),
    riskFlags: detectRisk(transcript.utterances, member ? { focus: member } : {}),
  }
  return { sample, transcript, options, draft: draftWithEmbeddedEngine(transcript, options) }
})

describe.skipIf(samples.length === 0)('embedded engine on the shared samples (s01–s12)', () => {
  it.each(drafted.map((d) => [d.sample.id, d] as const))('%s: invariants hold', (_, d) => {
    const { sample, transcript, options, draft } = d
    const ids = new Set(transcript.utterances.map((u) => u.id))
    const text = noteText(draft)
    for (const section of draft.sections) {
      // An empty section says so, never an assumed-normal phrase.
      if (section.statements.length === 0) expect(section.note).toBe(NOT_ADDRESSED)
      for (const st of section.statements) {
        expect(st.evidence.length, st.text).toBeGreaterThan(0)
        for (const id of st.evidence) expect(ids.has(id), `${id} in ${st.text}`).toBe(true)
      }
    }
    // A client-side speaker's account is always attributed to them, never stated as the note's
    // own fact (rule 2): "Client reported …", "Graham said: "…"", "When asked …, client said: …".
    const roleOf = new Map(transcript.utterances.map((u) => [u.id, u.role]))
    const clientSide = new Set(['client', 'family', 'group-member', 'supervisee'])
    for (const st of draft.sections.flatMap((sec) => sec.statements))
      if (
        transcript.format !== 'dictation' &&
        st.evidence.every((id) => clientSide.has(roleOf.get(id) ?? ''))
      )
        expect(st.text).toMatch(
          /^(?:[\p{L}'’. ()-]+ (?:(?:reported|agreed|denied|described)\b|said:)|When asked\b)/u,
        )
    // Deterministic: the same input gives the same draft.
    expect(draftWithEmbeddedEngine(transcript, options)).toEqual(draft)
    // Within the word budget (which includes the risk statements).
    const sourceWords = transcript.utterances.reduce((n, u) => n + countWords(u.text), 0)
    const budget = wordBudget(
      options.format,
      transcript.minutes,
      sourceWords,
      transcript.format === 'dictation',
    )
    expect(countWords(text)).toBeLessThanOrEqual(budget)
    if (sample.gold.session.service === 'individual') expect(countWords(text)).toBeLessThanOrEqual(450)
    // Nothing the gold forbids (invented diagnoses, doses, events, "suicide attempt" in denials).
    for (const pattern of sample.gold.forbidden.flatMap((f) => f.patterns))
      expect(goldRegex(pattern).test(text), pattern).toBe(false)
    for (const pattern of sample.gold.verbatim_artifacts?.flatMap((f) => f.patterns) ?? [])
      expect(goldRegex(pattern).test(text), pattern).toBe(false)
    // A group note names no other member.
    for (const name of sample.gold.group?.do_not_name ?? [])
      expect(new RegExp(`(?<![\\p{L}])${name}(?![\\p{L}])`, 'u').test(text), name).toBe(false)
  })

  it('keeps its fact, intervention and plan recall (regression floor)', () => {
    const recall = (pick: (g: (typeof samples)[number]['gold']) => { any_of: string[] }[]) => {
      let hit = 0
      let all = 0
      for (const { sample, draft } of drafted) {
        const text = noteText(draft)
        const items = pick(sample.gold)
        hit += items.filter((item) => itemPresent(text, item)).length
        all += items.length
      }
      return hit / all
    }
    // Judged as `npm run eval` judges (scripts/eval/notes.ts itemPresent). Measured last:
    // facts 0.567, interventions 0.703, plan 0.745 (held out, leave-one-session-out: 0.529,
    // 0.719, 0.755; see the README). Attributing every client statement (rule 2) cost about 0.04
    // of fact recall: "Client reported …" takes words that "Client …" did not.
    expect(recall((g) => g.facts)).toBeGreaterThanOrEqual(0.56)
    expect(recall((g) => g.interventions)).toBeGreaterThanOrEqual(0.68)
    expect(recall((g) => g.plan)).toBeGreaterThanOrEqual(0.74)
  })
})
