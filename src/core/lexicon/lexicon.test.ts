import { describe, expect, it } from 'vitest'
import {
  findDiagnoses,
  findDiagnosticCodes,
  findMeasures,
  findMedicationClasses,
  findMedications,
} from './index.js'

describe('lexicon', () => {
  it('finds medications by generic and brand name, as whole words only', () => {
    expect(findMedications('Lexapro and gabapentin; a nicotine-patch').map((m) => m.term)).toEqual([
      'lexapro',
      'gabapentin',
      'nicotine patch',
    ])
    expect(findMedications('the methadone clinic, not methadones or premethadone')).toHaveLength(1)
  })

  it('finds medication classes', () => {
    expect(findMedicationClasses('she tried antidepressants and a benzo').map((m) => m.term)).toEqual([
      'antidepressant',
      'benzo',
    ])
  })

  it('finds diagnoses, abbreviations case-sensitively, and codes', () => {
    expect(findDiagnoses('adjustment disorder; r/o alcohol use disorder; PTSD').map((m) => m.term)).toEqual([
      'adjustment disorder',
      'alcohol use disorder',
      'PTSD',
    ])
    expect(findDiagnoses('I was so sad and had to add it up')).toEqual([])
    expect(findDiagnosticCodes('F41.1 and 300.02').map((m) => m.term)).toEqual(['F41.1', '300.02'])
  })

  it('finds measures under the names people use', () => {
    expect(findMeasures('PHQ9 14, the Y-BOCS, PCL today, AUDIT next visit').map((m) => m.term)).toEqual([
      'PHQ-9',
      'Y-BOCS',
      'PCL-5',
      'AUDIT',
    ])
  })
})
