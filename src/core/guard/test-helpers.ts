import type { Role, Utterance } from '../transcript/utterance.js'

const ROLES: Readonly<Record<string, Role>> = {
  T: 'clinician',
  C: 'client',
  F: 'family',
  M: 'family',
  G: 'group-member',
  H: 'group-member',
  S: 'supervisor',
  E: 'supervisee',
  D: 'clinician',
  P: 'client',
}

/**
 * Build utterances for tests from lines "T: ...", "C: ..." (T clinician, C client, F/M family,
 * G/H group members, S supervisor, E supervisee, D a dictating clinician, P a second client).
 */
export function dialogue(...lines: string[]): Utterance[] {
  return lines.map((line, k) => {
    const m = /^([A-Z]):\s?(.*)$/s.exec(line)
    if (!m) throw new Error(`bad test line: ${line}`)
    const label = m[1]!
    return {
      id: `u${k + 1}`,
      speaker: label === 'D' ? '*' : label,
      role: ROLES[label] ?? 'unknown',
      start: null,
      end: null,
      text: m[2]!,
      line: k + 1,
    }
  })
}
