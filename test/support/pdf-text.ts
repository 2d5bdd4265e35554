import { inflateSync } from 'node:zlib'

/**
 * The text a PDF shows, read back without poppler: enough of PDF to read what pdfkit writes
 * (indirect objects, Flate streams, Type0 fonts with ToUnicode maps, standard fonts in WinAnsi).
 * Each text object (BT … ET) becomes one line.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1')
  const objects = new Map<number, { dict: string; stream: string | null }>()
  const headRe = /(\d+) 0 obj\b/g
  for (let m = headRe.exec(raw); m; m = headRe.exec(raw)) {
    const start = m.index + m[0].length
    const end = raw.indexOf('endobj', start)
    const streamAt = raw.indexOf('stream', start)
    if (streamAt < 0 || streamAt > end) {
      objects.set(Number(m[1]), { dict: raw.slice(start, end), stream: null })
      continue
    }
    // The stream's bytes are exactly /Length long (they may contain anything, even "endobj").
    const dict = raw.slice(start, streamAt)
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1])
    const dataStart = streamAt + 'stream'.length + (raw[streamAt + 6] === '\r' ? 2 : 1)
    let bytes = Buffer.from(raw.slice(dataStart, dataStart + length), 'latin1')
    if (/\/Filter\s*\/FlateDecode/.test(dict)) bytes = inflateSync(bytes)
    objects.set(Number(m[1]), { dict, stream: bytes.toString('latin1') })
    headRe.lastIndex = raw.indexOf('endobj', dataStart + length)
  }

  // Font resource names (F1, F2, ...) → the Unicode map of each font (null: a WinAnsi standard font).
  const fonts = new Map<string, Map<number, string> | null>()
  for (const { dict } of objects.values()) {
    const block = /\/Font\s*<<([\s\S]*?)>>/.exec(dict)
    if (!block) continue
    const refRe = /\/(\w+)\s+(\d+) 0 R/g
    for (let r = refRe.exec(block[1]!); r; r = refRe.exec(block[1]!)) {
      const font = objects.get(Number(r[2]))
      const toUnicode = font && /\/ToUnicode\s+(\d+) 0 R/.exec(font.dict)
      const cmap = toUnicode ? objects.get(Number(toUnicode[1]))?.stream : null
      fonts.set(r[1]!, cmap ? parseCmap(cmap) : null)
    }
  }

  const lines: string[] = []
  for (const { stream } of objects.values()) {
    if (!stream || !/\bBT\b/.test(stream) || !/\bTf\b/.test(stream)) continue
    const blockRe = /\bBT\b([\s\S]*?)\bET\b/g
    let font: Map<number, string> | null = null
    for (let b = blockRe.exec(stream); b; b = blockRe.exec(stream)) {
      let line = ''
      const tokRe = /\/(\w+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]*)>|\(((?:\\.|[^\\)])*)\)/g
      for (let t = tokRe.exec(b[1]!); t; t = tokRe.exec(b[1]!)) {
        if (t[1] !== undefined) font = fonts.get(t[1]) ?? null
        else if (t[2] !== undefined) line += decodeHex(t[2], font)
        else if (t[3] !== undefined) line += t[3].replace(/\\(.)/g, '$1')
      }
      lines.push(line)
    }
  }
  return lines.join('\n')
}

function decodeHex(hex: string, cmap: Map<number, string> | null): string {
  if (!cmap) return Buffer.from(hex, 'hex').toString('latin1')
  let out = ''
  for (let i = 0; i + 4 <= hex.length; i += 4)
    out += cmap.get(Number.parseInt(hex.slice(i, i + 4), 16)) ?? '�'
  return out
}

function utf16(hex: string): string {
  return Buffer.from(hex.replace(/\s/g, ''), 'hex').swap16().toString('utf16le')
}

function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>()
  const rangeRe = /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F\s]+>)/g
  for (const section of cmap.match(/beginbfrange([\s\S]*?)endbfrange/g) ?? []) {
    for (let m = rangeRe.exec(section); m; m = rangeRe.exec(section)) {
      const start = Number.parseInt(m[1]!, 16)
      const end = Number.parseInt(m[2]!, 16)
      if (m[3]!.startsWith('[')) {
        const targets = [...m[3]!.matchAll(/<([0-9a-fA-F\s]+)>/g)].map((x) => utf16(x[1]!))
        targets.forEach((t, i) => {
          map.set(start + i, t)
        })
      } else {
        const base = Number.parseInt(m[3]!.slice(1, -1).replace(/\s/g, ''), 16)
        for (let c = start; c <= end; c++) map.set(c, String.fromCodePoint(base + (c - start)))
      }
    }
  }
  for (const section of cmap.match(/beginbfchar([\s\S]*?)endbfchar/g) ?? [])
    for (const m of section.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g))
      map.set(Number.parseInt(m[1]!, 16), utf16(m[2]!))
  return map
}

/** Collapse whitespace, so text wrapped across lines compares with the text it came from. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}
