import { invalidTranscript } from './invalid.js'

/** A parsed JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }

/** A parsed JSON document that remembers the line on which each object and array began. */
export interface LinedJson {
  value: JsonValue
  lineOf(node: object): number | undefined
}

const MAX_DEPTH = 64

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
}

/**
 * Strict JSON parser that knows line numbers. JSON.parse is not used because its error messages
 * quote the input (PHI) and it cannot say on which line an utterance object starts.
 */
export function parseJson(text: string): LinedJson {
  const lines = new WeakMap<object, number>()
  let pos = 0
  let line = 1

  const fail = (problem: string): never => {
    throw invalidTranscript(`malformed JSON: ${problem}`, 'json', line)
  }

  const skipSpace = () => {
    for (;;) {
      const c = text.charCodeAt(pos)
      if (c === 0x0a) line++
      else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return
      pos++
    }
  }

  const parseString = (): string => {
    pos++ // opening quote
    let out = ''
    let chunk = pos
    for (;;) {
      if (pos >= text.length) return fail('unterminated string')
      const c = text.charCodeAt(pos)
      if (c === 0x22) {
        out += text.slice(chunk, pos)
        pos++
        return out
      }
      if (c < 0x20) return fail('control character inside a string')
      if (c !== 0x5c) {
        pos++
        continue
      }
      out += text.slice(chunk, pos)
      const esc = text[pos + 1]
      const simple = esc === undefined ? undefined : ESCAPES[esc]
      if (simple !== undefined) {
        out += simple
        pos += 2
      } else if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) {
        out += String.fromCharCode(Number.parseInt(text.slice(pos + 2, pos + 6), 16))
        pos += 6
      } else {
        return fail('invalid escape in a string')
      }
      chunk = pos
    }
  }

  const parseNumber = (): number => {
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
    m.lastIndex = pos
    const found = m.exec(text)
    if (!found) return fail('invalid number')
    pos += found[0].length
    const n = Number(found[0])
    return Number.isFinite(n) ? n : fail('number out of range')
  }

  const parseValue = (depth: number): JsonValue => {
    if (depth > MAX_DEPTH) return fail(`nesting deeper than ${MAX_DEPTH} levels`)
    skipSpace()
    const c = text[pos]
    if (c === '{') {
      const obj: { [key: string]: JsonValue } = {}
      lines.set(obj, line)
      pos++
      skipSpace()
      if (text[pos] === '}') {
        pos++
        return obj
      }
      for (;;) {
        skipSpace()
        if (text[pos] !== '"') return fail('expected a property name in double quotes')
        const key = parseString()
        skipSpace()
        if (text[pos] !== ':') return fail("expected ':' after a property name")
        pos++
        obj[key] = parseValue(depth + 1)
        skipSpace()
        if (text[pos] === ',') {
          pos++
          continue
        }
        if (text[pos] === '}') {
          pos++
          return obj
        }
        return fail("expected ',' or '}' after a property value")
      }
    }
    if (c === '[') {
      const arr: JsonValue[] = []
      lines.set(arr, line)
      pos++
      skipSpace()
      if (text[pos] === ']') {
        pos++
        return arr
      }
      for (;;) {
        arr.push(parseValue(depth + 1))
        skipSpace()
        if (text[pos] === ',') {
          pos++
          continue
        }
        if (text[pos] === ']') {
          pos++
          return arr
        }
        return fail("expected ',' or ']' after an array element")
      }
    }
    if (c === '"') return parseString()
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return parseNumber()
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length
        return value
      }
    }
    return fail(c === undefined ? 'unexpected end of file' : 'unexpected character')
  }

  const value = parseValue(0)
  skipSpace()
  if (pos < text.length) fail('unexpected content after the end of the JSON value')
  return { value, lineOf: (node) => lines.get(node) }
}
