import { z } from 'zod'

/** The clinical content of a signed note as an export shows it: section titles and statement text. */
export interface NoteBody {
  sections: { title: string; statements: string[]; note?: string }[]
}

const StoredStatement = z.union([z.string(), z.object({ text: z.string() }).passthrough()])
const StoredNote = z
  .object({
    sections: z.array(
      z
        .object({
          key: z.string().optional(),
          title: z.string().optional(),
          statements: z.array(StoredStatement).default([]),
          note: z.string().optional(),
        })
        .passthrough(),
    ),
  })
  .passthrough()

/**
 * Read a note's signed content: the Draft shape (sections of statements with evidence), as signed.
 * Evidence ids, support scores and review statuses stay behind: an export carries the clinician's
 * words only. Text that is not a stored draft is shown as one section of paragraphs.
 */
export function readSignedContent(text: string): NoteBody {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    parsed = undefined
  }
  const stored = StoredNote.safeParse(parsed)
  if (stored.success)
    return {
      sections: stored.data.sections.map((s) => ({
        title: s.title ?? titleFromKey(s.key ?? 'section'),
        statements: s.statements
          .map((st) => (typeof st === 'string' ? st : st.text).trim())
          .filter((st) => st.length > 0),
        ...(s.note ? { note: s.note } : {}),
      })),
    }
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
  return { sections: [{ title: 'Note', statements: paragraphs }] }
}

function titleFromKey(key: string): string {
  const words = key.replace(/[_-]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}
