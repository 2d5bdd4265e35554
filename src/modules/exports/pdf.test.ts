import { describe, expect, it } from 'vitest'
import { pdfText, squash } from '../../../test/support/pdf-text.js'
import { buildNoteDocument } from './document.js'
import { readSignedContent } from './note-content.js'
import { PART2_NOTICE } from './part2-notice.js'
import { renderPdf, resolvePdfFonts, toWinAnsi } from './pdf.js'

const doc = buildNoteDocument({
  practiceName: 'Practice A',
  clientName: 'Zoë Ng',
  noteId: 'n1',
  formatTitle: 'SOAP progress note',
  dateOfService: '2026-01-02',
  service: 'psychotherapy',
  minutes: null,
  body: readSignedContent('Client slept ≥ 5 hours — “better” → 7 ☺.\n\nSecond paragraph.'),
  signer: 'Dr. Rivera',
  signedAt: '2026-01-05T15:00:00.000Z',
  attestation: 'I attest.',
  cosigner: null,
  addenda: [],
  recipient: null,
  part2: false,
  consent: null,
  exportedAt: '2026-01-05T15:00:00.000Z',
})

describe('PDF rendering', () => {
  it('uses DejaVu Sans from the dejavu-fonts-ttf package', () => {
    expect(resolvePdfFonts()).toMatchObject({ embedded: true, source: 'dejavu-fonts-ttf' })
  })

  it('prints any character in the bundled font', async () => {
    const text = squash(pdfText(await renderPdf(doc)))
    expect(text).toContain('Client: Zoë Ng')
    expect(text).toContain('Client slept ≥ 5 hours — “better” → 7 ☺.')
    expect(text).toContain('Second paragraph.')
  })

  it('falls back to Helvetica with characters outside WinAnsi spelled out or replaced', async () => {
    expect(toWinAnsi('≥ 5 — “ok” → ☺ § Zoë')).toBe('>= 5 — “ok” -> ? § Zoë')
    const pdf = await renderPdf(doc, {
      fonts: { regular: 'Helvetica', bold: 'Helvetica-Bold', embedded: false, source: 'builtin' },
    })
    expect(pdf.toString('latin1')).toMatch(/Helvetica/)
    // Standard fonts are WinAnsi-encoded; the reader maps bytes as Latin-1, which is enough here.
    expect(squash(pdfText(pdf))).toContain('Client slept >= 5 hours')
  })

  it('keeps the § 2.32 notice word for word', () => {
    expect(PART2_NOTICE.join(' ')).toMatch(
      /^This record which has been disclosed to you is protected by Federal/,
    )
    expect(PART2_NOTICE.at(-1)).toBe(
      'A general authorization for the release of medical or other information is NOT sufficient to meet the required elements of written consent to further use or redisclose the record (see 42 CFR 2.31).',
    )
  })
})

describe('signed content', () => {
  it('reads the stored draft shape and leaves evidence behind', () => {
    const body = readSignedContent(
      JSON.stringify({
        sections: [
          { key: 'data', title: 'Data', statements: [{ text: 'A.', evidence: ['u1'], support: 0.9 }] },
          { key: 'plan', statements: [], note: 'Not addressed in this session.' },
        ],
      }),
    )
    expect(body).toEqual({
      sections: [
        { title: 'Data', statements: ['A.'] },
        { title: 'Plan', statements: [], note: 'Not addressed in this session.' },
      ],
    })
  })
})
