import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { NoteFormat } from '../../core/drafting/draft.schema.js'
import {
  composeDraftPrompt,
  type DraftPrompt,
  newestPrompts,
  type PromptFile,
  parsePromptFileName,
} from '../../core/providers/index.js'
import { AppError } from '../../platform/errors.js'

/** The repository's `prompts/` folder. */
export const PROMPTS_DIR = fileURLToPath(new URL('../../../prompts/', import.meta.url))

/** Every `<name>.v<n>.md` file in a folder. */
export function readPromptFiles(dir: string = PROMPTS_DIR): PromptFile[] {
  return readdirSync(dir).flatMap((fileName) => {
    const parsed = parsePromptFileName(fileName)
    return parsed ? [{ ...parsed, text: readFileSync(join(dir, fileName), 'utf8') }] : []
  })
}

/**
 * The drafting prompt of every note format (newest version of `system` and of each format's file),
 * read once; a missing file fails here, at start-up, not in the middle of a draft.
 */
export function loadDraftPrompts(dir: string = PROMPTS_DIR): (format: NoteFormat) => DraftPrompt {
  const newest = newestPrompts(readPromptFiles(dir))
  const system = newest.get('system')
  const missing = [system ? [] : ['system'], NoteFormat.options.filter((f) => !newest.has(f))].flat()
  if (!system || missing.length > 0)
    throw new AppError('INTERNAL', `Prompt files missing in ${dir}: ${missing.join(', ')}`)
  const prompts = new Map(NoteFormat.options.map((f) => [f, composeDraftPrompt(f, system, newest.get(f)!)]))
  return (format) => prompts.get(format)!
}
