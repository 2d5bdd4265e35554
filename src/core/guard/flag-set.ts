import type { Flag } from '../drafting/draft.schema.js'

/** Collects flags, merging repeats of one finding in one utterance. */
export class FlagSet {
  private readonly flags = new Map<string, Flag>()
  constructor(private readonly order: ReadonlyMap<string, number>) {}

  add(flag: Flag, anchor: string): void {
    const key = `${flag.kind}|${flag.polarity}|${anchor}`
    const existing = this.flags.get(key)
    if (!existing) {
      this.flags.set(key, { ...flag, evidence: this.sorted(flag.evidence) })
      return
    }
    existing.evidence = this.sorted([...existing.evidence, ...flag.evidence])
  }

  /** Flags of one utterance (by its id), for attaching the question it answers. */
  inUtterance(id: string): Flag[] {
    return [...this.flags.entries()].filter(([k]) => k.endsWith(`|${id}`)).map(([, f]) => f)
  }

  /** Attach the question a finding answers. */
  addQuestion(flag: Flag, id: string): void {
    if (flag.evidence.includes(id)) return
    flag.evidence = this.sorted([...flag.evidence, id])
    flag.note = `${flag.note}; in answer to a direct question`
  }

  list(): Flag[] {
    // Substance use is informational: it comes after every other finding so it cannot bury them.
    const all = [...this.flags.values()]
    const first = (f: Flag) => this.order.get(f.evidence[f.evidence.length - 1] ?? '') ?? 0
    return [
      ...all.filter((f) => f.kind !== 'risk.substance_use').sort((a, b) => first(a) - first(b)),
      ...all.filter((f) => f.kind === 'risk.substance_use').sort((a, b) => first(a) - first(b)),
    ]
  }

  private sorted(ids: readonly string[]): string[] {
    return [...new Set(ids)].sort((a, b) => (this.order.get(a) ?? 0) - (this.order.get(b) ?? 0))
  }
}
