import { type PlaceholderMap, reidentify } from '../deid/index.js'
import { EvidenceId, type NoteFormat, type Section, type Statement } from '../drafting/draft.schema.js'
import { FORMATS, NOT_ADDRESSED } from '../drafting/formats.js'
import { parseModelAnswer } from './model-answer.js'

/** Why a model's answer was rejected; messages name sections, positions and ids, never text. */
export interface GuardRejection {
  kind: 'not-json' | 'schema' | 'unknown-section' | 'unknown-evidence' | 'no-evidence' | 'empty'
  message: string
}

export type GuardResult =
  | { ok: true; sections: Section[]; warnings: string[] }
  | { ok: false; rejections: GuardRejection[] }

export interface GuardContext {
  format: NoteFormat
  /** Ids the model was given: anything else it cites, it invented. */
  evidenceIds: ReadonlySet<string>
  /** Placeholder map of the de-identified input, to restore identifiers in the answer. */
  map: PlaceholderMap
}

const MAX_REJECTIONS = 12

/**
 * The output guard's structural half: the answer must be the Draft model's JSON, every statement
 * must cite evidence, and only evidence the model was given. A breach rejects the whole answer
 * (the model is not tracking its sources, so its other citations cannot be trusted either). What
 * passes has its placeholders restored; its content is then judged by the scope guard, the
 * verifier and the risk detector like any draft's.
 */
export function guardModelAnswer(content: string, context: GuardContext): GuardResult {
  const parsed = parseModelAnswer(content)
  if (!parsed.ok) return { ok: false, rejections: [parsed.problem] }
  const spec = FORMATS[context.format]
  const keys = new Set(spec.sections.map((s) => s.key))
  const rejections: GuardRejection[] = []
  const byKey = new Map<string, Statement[]>()
  const unknownPlaceholders = new Set<string>()
  let total = 0
  for (const section of parsed.answer.sections) {
    if (!keys.has(section.key)) {
      rejections.push({
        kind: 'unknown-section',
        message: `a section key is not one of the ${context.format} note's (${[...keys].join(', ')})`,
      })
      continue
    }
    section.statements.forEach((statement, k) => {
      const where = `statement ${k + 1} of section "${section.key}"`
      const evidence = [...new Set(statement.evidence)]
      if (evidence.length === 0) {
        rejections.push({ kind: 'no-evidence', message: `${where} cites no evidence` })
        return
      }
      const unknown = evidence.filter(
        (id) => !EvidenceId.safeParse(id).success || !context.evidenceIds.has(id),
      )
      if (unknown.length > 0) {
        const shown = unknown.map((id) => (EvidenceId.safeParse(id).success ? id : 'a malformed id'))
        rejections.push({
          kind: 'unknown-evidence',
          message: `${where} cites ${shown.join(', ')}, which ${unknown.length > 1 ? 'are' : 'is'} not in the input`,
        })
        return
      }
      const restored = reidentify(statement.text, context.map)
      for (const p of restored.unknown) unknownPlaceholders.add(p)
      const list = byKey.get(section.key) ?? []
      list.push({ text: restored.text, evidence })
      byKey.set(section.key, list)
      total++
    })
  }
  if (total === 0 && rejections.length === 0)
    rejections.push({ kind: 'empty', message: 'the answer has no statements' })
  if (rejections.length > 0) return { ok: false, rejections: rejections.slice(0, MAX_REJECTIONS) }
  const warnings =
    unknownPlaceholders.size > 0
      ? [
          `The model wrote placeholders Sidenote did not send (${[...unknownPlaceholders].join(', ')}); they are shown as written.`,
        ]
      : []
  const sections = spec.sections.map((s): Section => {
    const statements = byKey.get(s.key) ?? []
    return statements.length > 0
      ? { key: s.key, title: s.title, statements }
      : { key: s.key, title: s.title, statements, note: NOT_ADDRESSED }
  })
  return { ok: true, sections, warnings }
}

/** One line for the model's second try (and for provenance): what was wrong, without any text. */
export function describeRejections(rejections: readonly GuardRejection[]): string {
  return rejections.map((r) => r.message).join('; ')
}
