import { invalidTranscript } from './invalid.js'

/** Default upper bound on a transcript file: a 3-hour session is well under 1 MB of text. */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024

/** Text of the file with line endings normalised to \n, plus any warnings about what was changed. */
export interface DecodedText {
  text: string
  warnings: string[]
}

/** Human form of a byte limit for messages ("5 MB", "64 KB", "100 bytes"). */
export function formatBytes(bytes: number): string {
  const mb = 1024 * 1024
  if (bytes >= mb && bytes % mb === 0) return `${bytes / mb} MB`
  if (bytes >= mb) return `${(bytes / mb).toFixed(1)} MB`
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`
  return `${bytes} bytes`
}

function utf8Length(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4
      i++
    } else n += 3
  }
  return n
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]!
    if (b < 0x80) {
      i++
      continue
    }
    let need: number
    let min: number
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1
      min = 0x80
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2
      min = 0x800
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3
      min = 0x10000
    } else return i
    if (i + need >= bytes.length) return i
    let cp = b & (0x3f >> need)
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]!
      if ((c & 0xc0) !== 0x80) return i
      cp = (cp << 6) | (c & 0x3f)
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i
    i += need + 1
  }
  return -1
}

function lineAtByte(bytes: Uint8Array, offset: number): number {
  let line = 1
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++
  return line
}

function lineAtChar(text: string, offset: number): number {
  let line = 1
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 0x0a) line++
  return line
}

function bytesToText(bytes: Uint8Array): { text: string; warnings: string[] } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), warnings: [] }
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), warnings: [] }
  }
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes
  const nul = body.indexOf(0)
  if (nul >= 0) {
    throw invalidTranscript(
      'the file contains NUL bytes, so it is binary or UTF-16 without a byte-order mark; save it as UTF-8 text',
      'binary',
      lineAtByte(body, nul),
    )
  }
  const bad = firstInvalidUtf8(body)
  // No guessing at legacy encodings: a mis-decoded name would slip past de-identification.
  if (bad >= 0) {
    throw invalidTranscript(
      'the file is not valid UTF-8 text; save it as UTF-8',
      'encoding',
      lineAtByte(body, bad),
    )
  }
  return { text: new TextDecoder('utf-8').decode(body), warnings: [] }
}

// C0 controls other than tab, line feed, form feed and carriage return, plus DEL.
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g

/**
 * Turn the caller's bytes or string into clean text: size limit, BOMs (UTF-8, UTF-16 LE/BE),
 * binary and invalid UTF-8 refused with the line, CRLF and lone CR turned into \n.
 */
export function decodeTranscript(
  input: Uint8Array | string,
  maxBytes: number = DEFAULT_MAX_BYTES,
): DecodedText {
  const size = typeof input === 'string' ? utf8Length(input) : input.length
  if (size > maxBytes) {
    throw invalidTranscript(`the file is larger than the ${formatBytes(maxBytes)} limit`, 'too-large')
  }
  const decoded = typeof input === 'string' ? { text: input, warnings: [] } : bytesToText(input)
  let text = decoded.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  const nul = text.indexOf('\u0000')
  if (nul >= 0) {
    throw invalidTranscript(
      'the text contains NUL characters, so it is binary, not a transcript',
      'binary',
      lineAtChar(text, nul),
    )
  }
  const controls = text.match(CONTROL)?.length ?? 0
  if (controls > 0) {
    // A stray control character is a copy-paste artefact; many mean the file is not text at all.
    if (controls > 8 && controls > text.length / 100) {
      const first = text.search(CONTROL)
      throw invalidTranscript(
        'the file contains control characters, so it is binary, not a transcript',
        'binary',
        lineAtChar(text, first),
      )
    }
    text = text.replace(CONTROL, ' ')
    decoded.warnings.push(`Replaced ${controls} control character${controls === 1 ? '' : 's'} with spaces.`)
  }
  if (text.includes('\uFFFD') && typeof input !== 'string') {
    decoded.warnings.push(
      'The file contains replacement characters (U+FFFD); some characters were lost before import.',
    )
  }
  if (text.trim() === '') throw invalidTranscript('the transcript is empty', 'empty')
  return { text, warnings: decoded.warnings }
}
