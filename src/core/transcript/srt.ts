import { parseCueBlocks } from './cues.js'
import type { ParsedSegments } from './segments.js'

/** Parse SubRip: numbered cues, "HH:MM:SS,mmm --> HH:MM:SS,mmm", text "LABEL: text". */
export function parseSrt(text: string): ParsedSegments {
  return { segments: parseCueBlocks(text.split('\n'), 0), notes: [], warnings: [], mergeTurns: true }
}
