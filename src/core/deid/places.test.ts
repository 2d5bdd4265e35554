import { describe, expect, it } from 'vitest'
import { deidentify } from './index.js'

function spans(text: string): [string, string][] {
  return deidentify(text).spans.map((s) => [s.type, s.text])
}

describe('places and organisations', () => {
  it('finds street addresses with unit, town and zip', () => {
    expect(
      spans('The new one is 2218 Wickersham Lane, Apartment 4B, Dunmore Heights, 58921. Thanks'),
    ).toEqual([['address', '2218 Wickersham Lane, Apartment 4B, Dunmore Heights, 58921']])
  })

  it('finds streets without numbers, routes and small places after a preposition', () => {
    expect(spans('the pharmacy on Quarry Road')).toEqual([['address', 'Quarry Road']])
    expect(spans('Twenty years on Route 6. Up Linden and down Birch.')).toEqual([
      ['address', 'Route 6'],
      ['address', 'Linden'],
      ['address', 'Birch'],
    ])
  })

  it('keeps the generic head of an organisation and the insurer name', () => {
    expect(deidentify('I sent it to the Castellane Foundation. Her nurse from Lantern Hospice.').text).toBe(
      'I sent it to the [OTHER_1] Foundation. Her nurse from [FACILITY_1] Hospice.',
    )
    expect(spans('Renata will call Cascadia Mutual.')).toEqual([['name', 'Renata']])
  })

  it('leaves countries and states, which Safe Harbor allows', () => {
    expect(spans('We moved here from New Zealand to Ohio.')).toEqual([])
  })

  it('reads the town and postcode lines of a written address block, and nothing after it', () => {
    expect(spans('Maureen Thibault\n41086 Kiannonkatu 98\nSuite 464\nOULU\nFinland 80896')).toEqual([
      ['name', 'Maureen Thibault'],
      ['address', '41086 Kiannonkatu 98'],
      ['address', 'Suite 464'],
      ['address', 'OULU'],
      ['address', '80896'],
    ])
    expect(spans('Send it to 12 Elm Street, Apt 3\nThanks\nBye')).toEqual([
      ['address', '12 Elm Street, Apt 3'],
    ])
  })

  it('reads the addressee, an everyday-word town before the country, a capitalised town and a town with its postcode', () => {
    expect(spans('Yvonne Castellanos\n221 Quillfeather Road\nApt. 12\nMaple Grove\nCanada 40412')).toEqual([
      ['name', 'Yvonne Castellanos'],
      ['address', '221 Quillfeather Road\nApt. 12'],
      ['address', 'Maple Grove'],
      ['address', '40412'],
    ])
    expect(spans('88 Ellery Street\nSuite 310\nBRAMBLE\nGermany')).toEqual([
      ['address', '88 Ellery Street\nSuite 310'],
      ['address', 'BRAMBLE'],
    ])
    // The unit line counts even when a longer phone-like number swallowed it.
    expect(spans('Suite 541 6343 Arbor 106\nHOLT nan 4410').at(-1)).toEqual(['address', 'HOLT nan 4410'])
    // Everyday words after an address but not before a country line stay.
    expect(spans('12 Elm Street, Apt 3\nMaple Grove\nSee you')).toEqual([['address', '12 Elm Street, Apt 3']])
  })
})
