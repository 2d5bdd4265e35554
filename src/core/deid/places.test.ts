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
})
