import { describe, expect, it } from 'vitest'
import { deidentify } from './index.js'

function names(text: string, knownNames?: string[]): string[] {
  return deidentify(text, knownNames ? { known: { names: knownNames } } : {}).spans.map((s) => s.text)
}

describe('names', () => {
  it('finds first names alone, full names and unusual or non-ASCII names', () => {
    expect(names('I told Lorraine, and then Tomasz in HR said no.')).toEqual(['Lorraine', 'Tomasz'])
    expect(names('It has my name, Bartholomew Szczepanski, on it.')).toEqual(['Bartholomew Szczepanski'])
    expect(names('Counselor Quiñones and Dr. Oyelaran agreed.')).toEqual(['Quiñones', 'Oyelaran'])
  })

  it('finds word-like names mid-sentence and after a relation word', () => {
    expect(names('I talked to Ray about it.')).toEqual(['Ray'])
    expect(names('and my daughter Ivy drew a cat')).toEqual(['Ivy'])
  })

  it('keeps the title and finds initials used as names', () => {
    const r = deidentify('Then Ms. K. came in, and Mr. D. after. R.T. called. Call her "D." in here.')
    expect(r.text).toBe(
      'Then Ms. [NAME_1] came in, and Mr. [NAME_2] after. [NAME_3] called. Call her "[NAME_2]" in here.',
    )
  })

  it('does not take pets, products, titles of things or holidays for people', () => {
    expect(names('Hi, Waffles. We called him the Captain. Dr. Google again. Roger that.')).toEqual([])
    expect(names('At Thanksgiving I used the Challenging Beliefs Worksheet on my iPad.')).toEqual([])
    expect(names('He was a B student. A and B. Now a D in Spanish.')).toEqual([])
  })

  it('uses speaker labels passed as known names, without their device or role words', () => {
    const text =
      "Loretta's iPad: Yes.\nSefa's Galaxy: Hello.\nTHERAPIST: Hi Sefa.\nDR. LINDAHL: Lindahl here."
    const found = names(text, ["Loretta's iPad", "Sefa's Galaxy", 'THERAPIST', 'DR. LINDAHL'])
    expect(found).toEqual(['Loretta', 'Sefa', 'Sefa', 'LINDAHL', 'Lindahl'])
  })

  it('finds names in all-lower-case text (speech-to-text), from the lexicon and name cues', () => {
    expect(names('follow up with patricia desrosiers in a couple of months.')).toEqual([
      'patricia desrosiers',
    ])
    expect(names('hi , my name is vitoria and i am gon na be quick')).toEqual(['vitoria'])
    expect(names('brian is a 58-year-old male')).toEqual(['brian'])
  })

  it('takes a capitalised word listed with a name for a name', () => {
    expect(names('I met Szczepanski and Brown there, then Okafor, Hill and Price.')).toEqual([
      'Szczepanski',
      'Brown',
      'Okafor',
      'Hill',
      'Price',
    ])
  })

  it('takes a rare word that speech mostly capitalises (SUBTLEX) for a name, but not a common one', () => {
    expect(names('I watched it with Brad last night.')).toEqual(['Brad'])
    expect(names('Brad said he would come.')).toEqual(['Brad'])
    expect(names('Key issues today. The Hill was steep, Doc.')).toEqual([])
  })

  it('takes any capitalised word after a name cue for a name', () => {
    expect(names('Her maiden name is Key, she said.')).toEqual(['Key'])
    expect(names("What's your last name? Fisher")).toEqual(['Fisher'])
    expect(names('Everyone calls me Sunny. It is cold now.')).toEqual(['Sunny'])
  })

  it('joins the surname after a first name and an initial, and spreads a surname to its lone uses', () => {
    expect(names('the film was directed by Tom R Stone and starring Stone.')).toEqual([
      'Tom R Stone',
      'Stone',
    ])
    // "by" + a run led by a first name is a person, not a place.
    expect(
      deidentify('the film was directed by Tom R Stone and starring Stone.').spans.map((x) => x.type),
    ).toEqual(['name', 'name'])
    expect(names('Dr. Lucinda Harrowgate called; Harrowgate will call back.')).toEqual([
      'Lucinda Harrowgate',
      'Harrowgate',
    ])
  })

  it('reads unknown words in all-lower-case text as names and spreads them, but not English compounds', () => {
    expect(names('my cousin orsolya and tavita came over, then orsolya left')).toEqual([
      'orsolya',
      'tavita',
      'orsolya',
    ])
    expect(names('okay so my therapist calls me ziggy sometimes')).toEqual(['ziggy'])
    expect(names('i went to the market-leading store with my friend and my mom')).toEqual([])
  })
})
