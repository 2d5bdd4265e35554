import { parseCueBlocks } from './cues.js'
import { invalidTranscript } from './invalid.js'
import type { ParsedSegments } from './segments.js'

/** Parse WebVTT (Zoom "Name: text" cues and Teams `<v Name>` cues alike). */
export function parseVtt(text: string): ParsedSegments {
  const lines = text.split('\n')
  if (!/^WEBVTT(\s|$)/.test(lines[0]!)) {
    throw invalidTranscript('a WebVTT file must start with "WEBVTT"', 'speaker-format', 1)
  }
  // The header runs to the first blank line ("Kind: captions", "Language: en").
  let i = 1
  while (i < lines.length && lines[i]!.trim() !== '') i++
  return { segments: parseCueBlocks(lines, i), notes: [], warnings: [], mergeTurns: true }
}
