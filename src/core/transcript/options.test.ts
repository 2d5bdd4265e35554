import { describe, expect, it } from 'vitest'
import { AppError } from '../../platform/errors.js'
import { parseRolesOption, parseTranscript } from './index.js'

function catchError(fn: () => unknown): AppError {
  try {
    fn()
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected an AppError')
}

describe('parseRolesOption', () => {
  it('parses label=role pairs with aliases', () => {
    expect(parseRolesOption('Dr. Rivera=clinician,Jordan=client')).toEqual({
      'Dr. Rivera': 'clinician',
      Jordan: 'client',
    })
    expect(
      parseRolesOption('A=therapist; B=family member, C=group member,D=Counselor,E=group-member'),
    ).toEqual({
      A: 'clinician',
      B: 'family',
      C: 'group-member',
      D: 'clinician',
      E: 'group-member',
    })
  })

  it('keeps a comma that belongs to a label', () => {
    expect(parseRolesOption('Hollis Barrett-Njoroge, LMFT=clinician,Graham=family')).toEqual({
      'Hollis Barrett-Njoroge, LMFT': 'clinician',
      Graham: 'family',
    })
  })

  it('refuses unknown roles, missing "=", empty labels and conflicts without echoing the entry', () => {
    for (const spec of ['Jordan=wizard', 'Jordan', '=client', 'Jordan=client,Jordan=family', '']) {
      const error = catchError(() => parseRolesOption(spec))
      expect(error.code).toBe('VALIDATION_FAILED')
      expect(error.field).toBe('roles')
      expect(error.message).not.toContain('Jordan')
      expect(error.message).not.toContain('wizard')
    }
  })
})

describe('parse options', () => {
  const text = 'A: Hi, how are you?\n\nB: Fine.'

  it('refuses options of the wrong shape, naming the option', () => {
    for (const [options, field] of [
      [{ minutes: -1 }, 'minutes'],
      [{ format: 'docx' }, 'format'],
      [{ maxBytes: 0 }, 'maxBytes'],
      [{ roles: { A: 'wizard' } }, 'roles'],
      [{ colour: 'red' }, undefined],
    ] as const) {
      const error = catchError(() => parseTranscript(text, options as never))
      expect(error.code).toBe('VALIDATION_FAILED')
      expect(error.field).toBe(field)
    }
  })

  it('refuses roles for a speaker who is not in the transcript, without naming them', () => {
    const error = catchError(() => parseTranscript(text, { roles: { 'Dr. Nobody': 'clinician' } }))
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'roles' })
    expect(error.message).not.toContain('Nobody')
  })

  it('matches role labels whitespace- and case-insensitively', () => {
    const t = parseTranscript(text, { roles: { ' a ': 'client', B: 'clinician' } })
    expect(t.speakers.map((s) => [s.label, s.role, s.roleSource])).toEqual([
      ['A', 'client', 'given'],
      ['B', 'clinician', 'given'],
    ])
  })
})
