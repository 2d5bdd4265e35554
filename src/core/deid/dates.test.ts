import { describe, expect, it } from 'vitest'
import { deidentify } from './index.js'

function dates(text: string): string[] {
  return deidentify(text)
    .spans.filter((s) => s.type === 'date')
    .map((s) => s.text)
}

describe('dates', () => {
  it('finds written and numeric dates', () => {
    expect(dates('born March 14th, 1986, seen 4/11/1979 and 2000-04-16 11:34:35')).toEqual([
      'March 14th, 1986',
      '4/11/1979',
      '2000-04-16 11:34:35',
    ])
    expect(dates('on October 2nd and on the 14th of June')).toEqual(['October 2nd', 'the 14th of June'])
  })

  it('finds spoken dates', () => {
    expect(dates('She died March twelfth. The twelfth is hard.')).toEqual(['March twelfth', 'The twelfth'])
    expect(dates('the date of birth, Three fourteen eighty-six.')).toEqual(['Three fourteen eighty-six'])
    expect(dates('What happened on the third? The positive from the fifth did come back.')).toEqual([
      'the third',
      'the fifth',
    ])
  })

  it('keeps ordinals that are not days, years alone, weekdays and holidays', () => {
    expect(
      dates('the third floor, the first time, the second session, in 1986, on Tuesday at Thanksgiving'),
    ).toEqual([])
    expect(dates('three fourteen eighty-six steps')).toEqual([])
  })

  it('treats a month tied to talk as a date but not the modal "May" or the verb "march"', () => {
    expect(dates('The baby is due in May. May I ask something? They march on.')).toEqual(['May'])
    expect(dates('Since September it has been hard')).toEqual(['September'])
  })
})
