import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Role, Utterance } from '../transcript/utterance.js'
import { detectRisk } from './index.js'

const ROLES: Role[] = ['clinician', 'client', 'family', 'group-member', 'supervisor', 'supervisee', 'unknown']

// Words that exercise the lexicon, cues, quotes and question handling, mixed with arbitrary text.
const WORDS = [
  'I',
  'you',
  'he',
  'she',
  'myself',
  'yourself',
  'him',
  'her',
  'kill',
  'killing',
  'die',
  'dead',
  'suicide',
  'SI',
  'HI',
  'SIB',
  'no',
  'not',
  'never',
  'denies',
  'if',
  'what',
  'maybe',
  'said',
  '"',
  '?',
  '.',
  ',',
  'gun',
  'pills',
  'used',
  'alone',
  'plan',
  'intent',
  'do',
  'it',
  'hurt',
  'cut',
  'cutting',
  'hit',
  'grabbed',
  'Yeah',
  'No.',
  'better',
  'off',
  'without',
  'me',
  'draft',
  'movie',
  'wall',
  'punched',
  '\u2019',
  '\u201c',
  'İ',
  '…',
]
const text = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.array(fc.constantFrom(...WORDS), { maxLength: 40 }).map((w) => w.join(' ')),
  fc.string({ unit: 'binary', maxLength: 80 }),
)
const utterances = fc.array(fc.tuple(fc.constantFrom(...ROLES), fc.constantFrom('A', 'B', 'C'), text), {
  maxLength: 8,
})

describe('detectRisk on any input', () => {
  it('never throws, and every excerpt is a substring of one of its evidence utterances', () => {
    fc.assert(
      fc.property(
        utterances,
        fc.option(fc.constantFrom('A', 'B', 'C'), { nil: undefined }),
        (rows, focus) => {
          const list: Utterance[] = rows.map(([role, speaker, t], k) => ({
            id: `u${k + 1}`,
            speaker,
            role,
            start: null,
            end: null,
            text: t,
            line: k + 1,
          }))
          const byId = new Map(list.map((u) => [u.id, u]))
          for (const flag of detectRisk(list, focus === undefined ? {} : { focus })) {
            expect(flag.kind).toMatch(/^risk\.[a-z_]+$/)
            expect(flag.evidence.length).toBeGreaterThan(0)
            expect(flag.evidence.some((id) => byId.get(id)?.text.includes(flag.excerpt))).toBe(true)
            expect(flag.excerpt.trim()).not.toBe('')
          }
        },
      ),
      { numRuns: 400 },
    )
  })
})
