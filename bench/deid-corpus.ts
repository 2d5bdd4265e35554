/**
 * What the de-identification benches share: the texts (the 12 gold samples, then the presidio
 * synthetic sentences) and each tool's bare call on a text, the work its throughput times.
 */
import { loadPresidio } from '../scripts/eval-deid.js'
import { loadSamples } from '../test/support/samples.js'

export interface BenchText {
  text: string
  /** The speakers' names the practice holds, which Sidenote is told as known identifiers. */
  labels: string[]
}

export interface BenchSample extends BenchText {
  /** Gold PHI surfaces. */
  phi: string[]
}

export function loadBenchSamples(): BenchSample[] {
  return loadSamples().map((s) => ({
    text: s.bytes.toString('utf8'),
    labels: Object.keys(s.gold.roles).filter((l) => l !== '*'),
    phi: [...new Set(s.gold.phi.map((p) => p.text))],
  }))
}

/** Every text the throughput passes run over, samples first. */
export function loadBenchTexts(): BenchText[] {
  return [
    ...loadBenchSamples().map(({ text, labels }) => ({ text, labels })),
    ...loadPresidio().map((p) => ({ text: p.full_text, labels: [] })),
  ]
}

export const TOOL_NAMES = ['sidenote', 'redact-pii'] as const
export type ToolName = (typeof TOOL_NAMES)[number]

/** The private-use character redact-pii writes for every redaction, so spans can be aligned. */
export const MARK = '\uE000'

/**
 * The tool's own call, imported only when asked for, so that a process timing one tool holds
 * nothing of the other.
 */
export async function loadRedact(name: ToolName): Promise<(text: string, labels: string[]) => unknown> {
  if (name === 'sidenote') {
    const { deidentify } = await import('../src/core/deid/index.js')
    return (text, labels) => deidentify(text, labels.length > 0 ? { known: { names: labels } } : {})
  }
  const { SyncRedactor } = await import('redact-pii')
  const redactor = new SyncRedactor({ globalReplaceWith: MARK })
  return (text) => redactor.redact(text)
}
