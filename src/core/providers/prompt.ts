import { sha256Hex } from '../../platform/ids.js'
import type { NoteFormat } from '../drafting/draft.schema.js'

/** A prompt file's name: `system.v1.md`, `soap.v2.md`. */
export const PROMPT_FILE_NAME = /^([a-z][a-z0-9-]*)\.v(\d+)\.md$/

/** One versioned prompt file as read from `prompts/`. */
export interface PromptFile {
  name: string
  version: number
  text: string
}

/** The instructions sent for one note format, with the version and hash provenance records. */
export interface DraftPrompt {
  format: NoteFormat
  /** e.g. `system.v1+soap.v1` */
  version: string
  /** SHA-256 of `text`, the exact instructions sent. */
  sha256: string
  text: string
}

/** Read a prompt file name into name and version, or null when it is not one. */
export function parsePromptFileName(fileName: string): { name: string; version: number } | null {
  const m = PROMPT_FILE_NAME.exec(fileName)
  return m ? { name: m[1]!, version: Number(m[2]) } : null
}

/** The newest version of each prompt among the given files. */
export function newestPrompts(files: readonly PromptFile[]): Map<string, PromptFile> {
  const newest = new Map<string, PromptFile>()
  for (const f of files) {
    const seen = newest.get(f.name)
    if (!seen || f.version > seen.version) newest.set(f.name, f)
  }
  return newest
}

/** The shared system prompt followed by the format's prompt: what the model is told. */
export function composeDraftPrompt(
  format: NoteFormat,
  system: PromptFile,
  formatFile: PromptFile,
): DraftPrompt {
  const text = `${system.text.trim()}\n\n${formatFile.text.trim()}\n`
  return {
    format,
    version: `${system.name}.v${system.version}+${formatFile.name}.v${formatFile.version}`,
    sha256: sha256Hex(text),
    text,
  }
}
