import { z } from 'zod'
import type { NoteFormat } from '../drafting/draft.schema.js'
import { FORMATS } from '../drafting/formats.js'

/** Evidence as a list; a server that ignores the schema may write one string ("u12, u13"). */
const Evidence = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(/[\s,;]+/).filter(Boolean) : v),
  z.array(z.string().trim()),
)

/**
 * A statement as a model writes it: text and the ids of the utterances (or clinician input) it
 * rests on. Reading is lenient (extra keys are dropped); the schema sent is strict.
 */
export const ModelStatement = z.object({ text: z.string().trim().min(1), evidence: Evidence })
export type ModelStatement = z.infer<typeof ModelStatement>

export const ModelSection = z.object({ key: z.string(), statements: z.array(ModelStatement) })
export type ModelSection = z.infer<typeof ModelSection>

/** A model's whole answer, before the output guard. */
export const ModelAnswer = z.object({ sections: z.array(ModelSection) })
export type ModelAnswer = z.infer<typeof ModelAnswer>

/** The answer schema sent for one note format: strict, and its section keys are the format's own. */
export function modelAnswerSchema(format: NoteFormat) {
  const keys = FORMATS[format].sections.map((s) => s.key) as [string, ...string[]]
  const statement = z.object({ text: z.string().min(1), evidence: z.array(z.string()) }).strict()
  return z
    .object({ sections: z.array(z.object({ key: z.enum(keys), statements: z.array(statement) }).strict()) })
    .strict()
}

/**
 * The JSON schema sent as `response_format` (strict structured output: every property required,
 * no extra properties). Derived from the zod schema so the two cannot drift apart.
 */
export function modelAnswerJsonSchema(format: NoteFormat): Record<string, unknown> {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(modelAnswerSchema(format)) as Record<
    string,
    unknown
  >
  return schema
}

/** Why a model's answer could not be read; PHI-free (positions and kinds, never the text). */
export type ParseProblem = { kind: 'not-json' | 'schema'; message: string }

/**
 * The JSON object in a model's content: bare, in a ```json fence, or after a sentence of preamble
 * (servers that ignore `response_format` often add one).
 */
export function extractJson(content: string): unknown {
  const trimmed = content.trim()
  const candidates: string[] = [trimmed]
  const fence = /```(?:json)?\s*([\s\S]*?)```/i.exec(trimmed)
  if (fence?.[1]) candidates.push(fence[1].trim())
  const first = trimmed.indexOf('{')
  const last = trimmed.lastIndexOf('}')
  if (first >= 0 && last > first) candidates.push(trimmed.slice(first, last + 1))
  for (const c of candidates) {
    try {
      return JSON.parse(c)
    } catch {
      // try the next reading
    }
  }
  throw new SyntaxError('no JSON object in the answer')
}

/** Parse a model's content into a ModelAnswer, or say why it is not one. */
export function parseModelAnswer(
  content: string,
): { ok: true; answer: ModelAnswer } | { ok: false; problem: ParseProblem } {
  let value: unknown
  try {
    value = extractJson(content)
  } catch {
    return { ok: false, problem: { kind: 'not-json', message: 'the answer is not valid JSON' } }
  }
  const parsed = ModelAnswer.safeParse(value)
  if (parsed.success) return { ok: true, answer: parsed.data }
  const issue = parsed.error.issues[0]
  const where = issue?.path.length ? issue.path.join('.') : 'the answer'
  return {
    ok: false,
    problem: { kind: 'schema', message: `the answer does not match the schema at ${where}: ${issue?.code}` },
  }
}
