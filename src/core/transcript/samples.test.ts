import { describe, expect, it } from 'vitest'
import { goldRegex, loadSamples, samplesAvailable } from '../../../test/support/samples.js'
import { applySpokenPunctuation } from './dictation.js'
import { parseTranscript, ServiceHint, Transcript } from './index.js'

// The samples live outside the repository (../shared/samples) and are read in place, never copied.
const samples = samplesAvailable() ? loadSamples() : []

describe.skipIf(samples.length === 0)('the shared samples (s01–s12)', () => {
  const parsed = samples.map((s) => ({ ...s, t: parseTranscript(s.bytes) }))

  it.each(parsed.map((p) => [p.id, p] as const))(
    '%s: format, labels, roles and minutes match the gold file',
    (_, p) => {
      const { gold, t } = p
      expect(Transcript.parse(t)).toEqual(t)
      expect(t.format).toBe(gold.format)
      expect(Object.fromEntries(t.speakers.map((s) => [s.label, s.role]))).toEqual(gold.roles)
      expect(t.minutes).toBe(gold.session.minutes)
      expect(t.minutesSource).toBe(gold.session.time_evidence ? 'stated' : 'timestamps')
    },
  )

  it('infers every role right without being told the roles or the service', () => {
    const labels = parsed.flatMap((p) =>
      p.t.speakers.map((s) => [p.id, s.label, s.role, p.gold.roles[s.label]]),
    )
    const wrong = labels.filter(([, , role, gold]) => role !== gold)
    expect(wrong).toEqual([])
    expect(labels.length).toBe(30)
  })

  it('infers the same roles when the service is given as a hint', () => {
    for (const p of parsed) {
      const service = ServiceHint.parse(p.gold.session.service)
      const t = parseTranscript(p.bytes, { service })
      expect(Object.fromEntries(t.speakers.map((s) => [s.label, s.role])), p.id).toEqual(p.gold.roles)
    }
  })

  it.each(parsed.map((p) => [p.id, p] as const))(
    '%s: every risk quote and trap lies within one utterance',
    (_, p) => {
      const quotes = [...p.gold.risk.positive, ...p.gold.risk.denied]
        .map((r) => r.quote)
        .concat(p.gold.risk.traps)
      for (const quote of quotes) {
        if (p.t.format === 'dictation') {
          // Quotes are written as dictated; the utterance text has the spoken punctuation applied.
          expect(
            p.t.utterances.some((u) => u.verbatim?.includes(quote)),
            quote,
          ).toBe(true)
          expect(
            p.t.utterances.some((u) => u.text.includes(applySpokenPunctuation(quote))),
            quote,
          ).toBe(true)
        } else {
          expect(
            p.t.utterances.some((u) => u.text.includes(quote)),
            quote,
          ).toBe(true)
        }
      }
    },
  )

  it.each(parsed.map((p) => [p.id, p] as const))(
    '%s: ids run u1, u2, … and each line holds its utterance',
    (_, p) => {
      const lines = p.bytes.toString('utf8').split(/\r?\n/)
      p.t.utterances.forEach((u, i) => {
        expect(u.id).toBe(`u${i + 1}`)
        const head = (u.verbatim ?? u.text).split(' ')[0]!
        expect(lines[u.line - 1], `${u.id} at line ${u.line}`).toContain(head)
      })
    },
  )

  it('finds the stated length on the line the gold file quotes', () => {
    for (const p of parsed.filter((q) => q.gold.session.time_evidence)) {
      const line = p.bytes.toString('utf8').split('\n')[p.t.minutesLine! - 1]
      expect(line, p.id).toContain(p.gold.session.time_evidence)
    }
  })

  it('interprets dictation commands instead of copying them (s10 verbatim artifacts)', () => {
    for (const p of parsed.filter((q) => q.gold.verbatim_artifacts)) {
      for (const pattern of p.gold.verbatim_artifacts!.flatMap((a) => a.patterns)) {
        expect(
          p.t.utterances.filter((u) => goldRegex(pattern).test(u.text)).map((u) => u.id),
          pattern,
        ).toEqual([])
      }
    }
  })

  it('parses each sample the same after CRLF, a UTF-8 BOM, or UTF-16 LE/BE with a BOM', () => {
    const utf16 = (text: string, bigEndian: boolean) => {
      const bytes = Buffer.from(text, 'utf16le')
      if (bigEndian) bytes.swap16()
      return Buffer.concat([Buffer.from(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]), bytes])
    }
    for (const p of parsed) {
      const text = p.bytes.toString('utf8')
      const variants = [
        text.replaceAll('\n', '\r\n'),
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), p.bytes]),
        utf16(text, false),
        utf16(text, true),
      ]
      for (const variant of variants) expect(parseTranscript(variant), p.id).toEqual(p.t)
    }
  })

  it('links the group member who rejoins under a device label (s11)', () => {
    const s11 = parsed.find((p) => p.id === 's11')!.t
    expect(s11.speakers.find((s) => s.label === "Sefa's Galaxy")?.sameAs).toBe('Sefa Lemalu')
  })

  it('keeps header lines and transcriber notes out of the talk', () => {
    const s08 = parsed.find((p) => p.id === 's08')!.t
    expect(s08.notes[0]).toMatch(/^=== Office recording/)
    expect(s08.utterances.some((u) => u.text.includes('quiet breathing'))).toBe(false)
  })
})
