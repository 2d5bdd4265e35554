import { describe, expect, it } from 'vitest'
import { deidentify } from './index.js'
import { ibanValid, isValidSsn, luhnValid } from './patterns.js'

function typesOf(text: string): [string, string][] {
  return deidentify(text).spans.map((s) => [s.type, s.text])
}

describe('structured identifiers', () => {
  it('finds emails, URLs and IP addresses', () => {
    expect(typesOf('Email bart.s86@example.com or see https://portal.example.org/appointments.')).toEqual([
      ['email', 'bart.s86@example.com'],
      ['url', 'https://portal.example.org/appointments'],
    ])
    expect(typesOf('Blocked from IP 203.0.113.58 today')).toEqual([['ip', '203.0.113.58']])
    expect(typesOf('fe80::1ff:fe23:4567:890a was the router')).toEqual([['ip', 'fe80::1ff:fe23:4567:890a']])
  })

  it('rejects IPv4 octets above 255 and leaves timestamps alone', () => {
    expect(typesOf('version 300.1.2.999 of it').some(([t]) => t === 'ip')).toBe(false)
    expect(deidentify('00:13:06.807 --> 00:13:12.845').spans).toEqual([])
  })

  it('validates SSNs by SSA area rules, with the advertising range allowed', () => {
    expect(isValidSsn('987654323')).toBe(true)
    expect(isValidSsn('123456789')).toBe(true)
    expect(isValidSsn('000123456')).toBe(false)
    expect(isValidSsn('666123456')).toBe(false)
    expect(isValidSsn('912345678')).toBe(false)
    expect(isValidSsn('123004567')).toBe(false)
    expect(typesOf('It says 987-65-4323 on the form')).toEqual([['ssn', '987-65-4323']])
    expect(typesOf('It says 666-12-3456 on the form').some(([t]) => t === 'ssn')).toBe(false)
  })

  it('types card numbers by the Luhn check and IBANs by mod 97', () => {
    expect(luhnValid('4111111111111111')).toBe(true)
    expect(luhnValid('4111111111111112')).toBe(false)
    expect(typesOf('card 4111 1111 1111 1111 please')).toEqual([['account', '4111 1111 1111 1111']])
    // A failed checksum is no card, but a 16-digit number is still an identifier of some kind.
    expect(typesOf('card 4111 1111 1111 1112 please').map(([t]) => t)).not.toContain('account')
    expect(ibanValid('GB82WEST12345698765432')).toBe(true)
    expect(ibanValid('GB82WEST12345698765433')).toBe(false)
  })

  it('finds phone and fax numbers, written and spoken', () => {
    expect(typesOf('I have (208) 555-0143 on file')).toEqual([['phone', '(208) 555-0143']])
    expect(typesOf('fax it to 208-555-0199')).toEqual([['fax', '208-555-0199']])
    expect(typesOf('call me at two oh eight, five five five, oh one four three')).toEqual([
      ['phone', 'two oh eight, five five five, oh one four three'],
    ])
    // Counting in an exercise is not a number read aloud.
    expect(typesOf('breathe: one, two, three, four, five, six, seven, eight')).toEqual([])
    // A word that names a property of every object is no digit ("constructor" once read as one).
    expect(typesOf('I said two one constructor then.')).toEqual([])
  })

  it('finds cued ids: MRN, member ID, employee ID, plate', () => {
    expect(typesOf('Your MRN with us is 00482217.')).toEqual([['mrn', '00482217']])
    expect(typesOf('The member ID is CMX448120937.')).toEqual([['member_id', 'CMX448120937']])
    expect(typesOf('the employee ID, which is H-F-S 20917, and')).toEqual([['other', 'H-F-S 20917']])
    expect(typesOf('Gray car, plate 7KRM214, gone.')).toEqual([['plate', '7KRM214']])
  })

  it('leaves clinical codes, doses and scores alone', () => {
    expect(deidentify('PHQ-9 was 14, GAD-7 is 9; sertraline 100mg; CPT 90834; rated it 7/10').spans).toEqual(
      [],
    )
  })

  it('removes ages over 89 only', () => {
    expect(typesOf('my grandmother is 93 years old')).toEqual([['age', '93']])
    expect(typesOf('she turned ninety-two in the spring')).toEqual([['age', 'ninety-two']])
    expect(typesOf('he is 45 years old')).toEqual([])
  })
})
