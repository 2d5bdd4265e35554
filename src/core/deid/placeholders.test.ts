import { describe, expect, it } from 'vitest'
import { deidentify, reidentify } from './index.js'

describe('placeholders', () => {
  const text = 'Desmond saw Dr. Sato on March 12th. Desmond called (208) 555-0143. Then Maisie came.'

  it('gives the same surface the same placeholder and keeps offsets into the original', () => {
    const r = deidentify(text)
    expect(r.text).toBe(
      '[NAME_1] saw Dr. [NAME_2] on [DATE_1]. [NAME_1] called [PHONE_1]. Then [NAME_3] came.',
    )
    for (const s of r.spans) expect(text.slice(s.start, s.end)).toBe(s.text)
    expect(r.map).toEqual({
      '[NAME_1]': 'Desmond',
      '[NAME_2]': 'Sato',
      '[DATE_1]': 'March 12th',
      '[PHONE_1]': '(208) 555-0143',
      '[NAME_3]': 'Maisie',
    })
  })

  it('round-trips exactly', () => {
    const r = deidentify(text)
    expect(reidentify(r.text, r.map)).toEqual({ text, unknown: [] })
  })

  it('tolerates a model changing case and spacing, and reports unknown placeholders', () => {
    const { map } = deidentify(text)
    const answer = 'Client [ name_1 ] reported that [Name 3] visited; see [NAME_9] and [DATE-1].'
    expect(reidentify(answer, map)).toEqual({
      text: 'Client Desmond reported that Maisie visited; see [NAME_9] and March 12th.',
      unknown: ['[NAME_9]'],
    })
  })

  it('treats placeholder-looking input as an identifier so the round trip stays exact', () => {
    const input = 'The template said [NAME_1] and Desmond said hi.'
    const r = deidentify(input)
    expect(r.text).not.toContain('[NAME_1] and')
    expect(reidentify(r.text, r.map).text).toBe(input)
  })

  it('always removes identifiers the practice holds', () => {
    const r = deidentify('Call me Bo. My code is zx-44-91.', {
      known: { names: ['Bo Lindgren'], ids: ['ZX4491'] },
    })
    expect(r.text).toBe('Call me [NAME_1]. My code is [OTHER_1].')
  })
})
