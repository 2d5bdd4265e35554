import type { PhiSpan, PhiType, PlaceholderMap, ReidResult } from './deid.schema.js'

/** The canonical placeholder for the n-th distinct identifier of a type: `[NAME_1]`, `[MEMBER_ID_2]`. */
export function placeholderFor(type: PhiType, n: number): string {
  return `[${type.toUpperCase()}_${n}]`
}

/**
 * Placeholder-shaped text, tolerant of what a model does to it: `[NAME_1]`, `[ name_1 ]`,
 * `[Name 1]`, `[MEMBER ID-2]`.
 */
export const PLACEHOLDER_LIKE = /\[\s*([A-Za-z]+(?:[ _-][A-Za-z]+)*)[\s_-]*(\d+)\s*\]/g

function canonical(type: string, n: string): string {
  return `[${type.toUpperCase().replace(/[ -]/g, '_')}_${Number(n)}]`
}

/**
 * Replace each span with its placeholder. The same surface text of the same type gets the same
 * placeholder throughout the document; the map restores exactly what was removed.
 */
export function applyPlaceholders(
  text: string,
  spans: readonly PhiSpan[],
): { text: string; map: PlaceholderMap } {
  const map: PlaceholderMap = {}
  const byKey = new Map<string, string>()
  const counters = new Map<PhiType, number>()
  const parts: string[] = []
  let at = 0
  for (const span of spans) {
    const key = `${span.type}\u0000${span.text}`
    let placeholder = byKey.get(key)
    if (placeholder === undefined) {
      const n = (counters.get(span.type) ?? 0) + 1
      counters.set(span.type, n)
      placeholder = placeholderFor(span.type, n)
      byKey.set(key, placeholder)
      map[placeholder] = span.text
    }
    parts.push(text.slice(at, span.start), placeholder)
    at = span.end
  }
  parts.push(text.slice(at))
  return { text: parts.join(''), map }
}

/**
 * Put the original identifiers back into a model's answer. Placeholders the map does not know are
 * left visibly as they are and reported, so a reviewer sees them instead of a silent gap.
 */
export function reidentify(text: string, map: PlaceholderMap): ReidResult {
  const unknown: string[] = []
  const restored = text.replace(PLACEHOLDER_LIKE, (whole, type: string, n: string) => {
    const original = map[canonical(type, n)]
    if (original !== undefined) return original
    if (!unknown.includes(whole)) unknown.push(whole)
    return whole
  })
  return { text: restored, unknown }
}
