import { describe, expect, it } from 'vitest'
import { indexEvidence } from './evidence.js'
import { buildTranscript, SESSION } from './test-helpers.js'
import { verifyStatement } from './verify.js'

const transcript = buildTranscript(SESSION)
const index = indexEvidence(transcript)
const verify = (text: string, ...evidence: string[]) => verifyStatement({ text, evidence }, index)

describe('who said it', () => {
  it('accepts "Client reported" on the client\'s words and "Mother stated" on a family member\'s', () => {
    expect(verify('Client reported that her mom keeps texting her about it.', 'u7').status).toBe('supported')
    expect(verify('Mother stated that the client has been skipping dinner most nights.', 'u6').status).toBe(
      'supported',
    )
    expect(verify("Client's mother stated that she has been skipping dinner.", 'u6').status).toBe('supported')
  })

  it('flags "Client reported" resting only on the clinician\'s words', () => {
    const v = verify(
      'Client reported that she will keep a sleep diary every night until the next session.',
      'u10',
    )
    expect(v.reasons).toContain("attributed to client but evidence is the clinician's")
  })

  it('flags "Client reported" on the mother\'s words and "Mother stated" on the client\'s', () => {
    expect(verify('Client reported skipping dinner most nights.', 'u6').reasons).toContain(
      "attributed to client but evidence is a family member's",
    )
    expect(verify('Mother stated that the client is not sleeping.', 'u7').reasons).toContain(
      "attributed to mother but evidence is the client's",
    )
  })

  it('resolves names to speakers, and flags a named person who did not say it', () => {
    expect(verify('Grace stated that Dana has been skipping dinner most nights.', 'u6').status).toBe(
      'supported',
    )
    expect(verify('Grace said that she is not sleeping.', 'u7').reasons).toContain(
      "attributed to Grace but evidence is the client's",
    )
    expect(verify('Sam said that Dana went to the party.', 'u9').reasons).toContain(
      'attributed to Sam, who is not a speaker in the session',
    )
    expect(verify('Dr. Rivera stated that Dana should keep a sleep diary every night.', 'u10').status).toBe(
      'supported',
    )
  })

  it('learns the name a speaker is addressed by, but not from quoted speech', () => {
    const t = buildTranscript([
      ['Dr. Calloway', 'clinician', 'Hi, Desmond. How was the week?'],
      ["Loretta's iPad", 'client', 'Rained every day. My back hurt. Walt used to say, "Slow down, Gus."'],
    ])
    const idx = indexEvidence(t)
    expect(
      verifyStatement({ text: 'Desmond reported that his back hurt.', evidence: ['u2'] }, idx).status,
    ).toBe('supported')
    expect(
      verifyStatement({ text: 'Gus reported that it rained every day.', evidence: ['u2'] }, idx).reasons,
    ).toContain('attributed to Gus, who is not a speaker in the session')
  })

  it('lets the clinician speak for everyone in a dictation', () => {
    const t = buildTranscript(
      [['*', 'clinician', 'Pt reports initial insomnia, sleeping 4 to 5 hrs per night.']],
      {
        format: 'dictation',
      },
    )
    const v = verifyStatement(
      { text: 'Client reported insomnia, sleeping 4 to 5 hours a night.', evidence: ['u1'] },
      indexEvidence(t),
    )
    expect(v.status).toBe('supported')
  })

  it('in a group note, "Client" is the member the note is for', () => {
    const t = buildTranscript([
      ['Tobias', 'group-member', 'I texted my sister before work.'],
      ['Gwen', 'group-member', 'My heart was racing at the store.'],
    ])
    const idx = indexEvidence(t, { clientLabels: ['Tobias'] })
    const ok = verifyStatement(
      { text: 'Client reported texting his sister before work.', evidence: ['u1'] },
      idx,
    )
    const other = verifyStatement(
      { text: 'Client reported her heart racing at the store.', evidence: ['u2'] },
      idx,
    )
    expect(ok.status).toBe('supported')
    expect(other.reasons).toContain("attributed to client but evidence is a group member's")
  })

  it('does not judge attribution of a sentence quoted from its evidence', () => {
    const t = buildTranscript([['Dr. Rivera', 'clinician', 'Pat said the window opened late this morning.']])
    const v = verifyStatement(
      { text: 'Pat said the window opened late this morning.', evidence: ['u1'] },
      indexEvidence(t),
    )
    expect(v.status).toBe('supported')
  })
})
