import type { ClinicianInput, Draft, Statement } from '../drafting/draft.schema.js'
import type { Role, Transcript } from '../transcript/utterance.js'

/** One turn for a test transcript: speaker label, role, text. */
export type Turn = readonly [speaker: string, role: Role, text: string]

/** A transcript from turns, ids u1, u2, … in order (test builder). */
export function buildTranscript(turns: readonly Turn[], overrides: Partial<Transcript> = {}): Transcript {
  const utterances = turns.map(([speaker, role, text], i) => ({
    id: `u${i + 1}`,
    speaker,
    role,
    start: i * 10,
    end: i * 10 + 9,
    text,
    line: i + 1,
  }))
  const labels = [...new Map(turns.map(([speaker, role]) => [speaker, role])).entries()]
  return {
    format: 'txt',
    utterances,
    speakers: labels.map(([label, role]) => ({ label, role, roleSource: 'given', utterances: 0, words: 0 })),
    minutes: null,
    minutesSource: null,
    notes: [],
    warnings: [],
    ...overrides,
  }
}

/** A draft holding the statements in one section (test builder). */
export function buildDraft(
  statements: readonly Statement[],
  clinicianInput?: readonly ClinicianInput[],
): Draft {
  return {
    format: 'dap',
    engine: { name: 'test', version: '0' },
    transcript: { utterances: 0, minutes: null, speakers: [] },
    sections: [{ key: 'data', title: 'Data', statements: [...statements] }],
    flags: [],
    warnings: [],
    ...(clinicianInput ? { clinicianInput: [...clinicianInput] } : {}),
  }
}

/** A session between Dr. Rivera and a client, Dana, whose mother Grace joins (test fixture). */
export const SESSION: readonly Turn[] = [
  ['Dr. Rivera', 'clinician', 'Hi, Dana. How has your sleep been this week?'],
  ['Dana', 'client', "Honestly bad. I've been sleeping four to five hours a night, and I wake up at 3 a.m."],
  ['Dr. Rivera', 'clinician', 'Any thoughts of hurting yourself or ending your life?'],
  ['Dana', 'client', 'No.'],
  ['Dana', 'client', "I'm still taking the sertraline, fifty milligrams every morning."],
  ['Grace', 'family', "She's been skipping dinner with us most nights. My mom noticed it too."],
  ['Dana', 'client', "I'm not sleeping, and my mom keeps texting me about it."],
  ['Dr. Rivera', 'clinician', 'Did you go to the party on Saturday?'],
  ['Dana', 'client', 'Yes, I have been going out more. I went to the party with Sam.'],
  ['Dr. Rivera', 'clinician', 'For homework, please keep a sleep diary every night until our next session.'],
  ['Dana', 'client', 'Okay, I can do the sleep diary.'],
]
