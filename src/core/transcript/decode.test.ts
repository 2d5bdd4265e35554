import { describe, expect, it } from 'vitest'
import { decodeTranscript, firstInvalidUtf8, formatBytes } from './decode.js'
import { expectInvalid } from './test-helpers.js'

const utf8 = (s: string) => new TextEncoder().encode(s)

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2)
  out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe])
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    out[2 + 2 * i] = bigEndian ? c >> 8 : c & 0xff
    out[3 + 2 * i] = bigEndian ? c & 0xff : c >> 8
  }
  return out
}

describe('decodeTranscript', () => {
  it('strips a UTF-8 byte-order mark', () => {
    expect(decodeTranscript(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('WEBVTT\n')])).text).toBe('WEBVTT\n')
    expect(decodeTranscript('\uFEFFWEBVTT').text).toBe('WEBVTT')
  })

  it('decodes UTF-16 little- and big-endian files with a BOM', () => {
    const text = 'A: Quiñones said hi\nB: hello'
    expect(decodeTranscript(utf16(text, false)).text).toBe(text)
    expect(decodeTranscript(utf16(text, true)).text).toBe(text)
  })

  it('turns CRLF and lone CR into LF so line numbers match an editor', () => {
    expect(decodeTranscript('a\r\nb\rc\n').text).toBe('a\nb\nc\n')
  })

  it('refuses empty and whitespace-only input', () => {
    expectInvalid(() => decodeTranscript(''), 'empty')
    expectInvalid(() => decodeTranscript(new Uint8Array()), 'empty')
    expectInvalid(() => decodeTranscript(' \n\t\r\n '), 'empty')
  })

  it('refuses NUL bytes as binary, naming the line', () => {
    expectInvalid(() => decodeTranscript(new Uint8Array([...utf8('ok\nok\nab'), 0, 1, 2])), 'binary', 3)
  })

  it('refuses invalid UTF-8, naming the line', () => {
    expectInvalid(
      () => decodeTranscript(new Uint8Array([...utf8('A: fine\nB: Qui'), 0xf1, ...utf8('ones')])),
      'encoding',
      2,
    )
  })

  it('refuses text full of control characters but cleans a stray one with a warning', () => {
    expectInvalid(
      () => decodeTranscript('\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000e\u000f'),
      'binary',
      1,
    )
    const cleaned = decodeTranscript('A: hi\u0007 there\nB: hello')
    expect(cleaned.text).toBe('A: hi  there\nB: hello')
    expect(cleaned.warnings).toHaveLength(1)
  })

  it('enforces the size limit in UTF-8 bytes and says the limit', () => {
    const error = expectInvalid(() => decodeTranscript('x'.repeat(2049), 2048), 'too-large')
    expect(error.message).toContain('2 KB')
    expect(() => decodeTranscript('é'.repeat(1024), 2048)).not.toThrow()
    expectInvalid(() => decodeTranscript('é'.repeat(1025), 2048), 'too-large')
    expect(expectInvalid(() => decodeTranscript(new Uint8Array(11), 10), 'too-large').message).toContain(
      '10 bytes',
    )
  })

  it('formats limits for people', () => {
    expect(formatBytes(5 * 1024 * 1024)).toBe('5 MB')
    expect(formatBytes(1536 * 1024)).toBe('1.5 MB')
    expect(formatBytes(500)).toBe('500 bytes')
  })
})

describe('firstInvalidUtf8', () => {
  it('accepts well-formed text and finds the first bad byte', () => {
    expect(firstInvalidUtf8(utf8('héllo 😀 ñ'))).toBe(-1)
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0xc3]))).toBe(1) // truncated sequence
    expect(firstInvalidUtf8(new Uint8Array([0xc0, 0x80]))).toBe(0) // overlong
    expect(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0) // surrogate
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0x80]))).toBe(1) // stray continuation
  })
})
