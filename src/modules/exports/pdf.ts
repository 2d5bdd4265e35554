import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import PDFDocument from 'pdfkit'
import type { ExportDocument, Fact } from './document.js'

/** The fonts a PDF export is set in: a bundled TrueType font, or pdfkit's built-in Helvetica. */
export interface PdfFonts {
  regular: string
  bold: string
  /** TrueType (any Unicode character) or a standard PDF font (WinAnsi characters only). */
  embedded: boolean
  source: 'dejavu-fonts-ttf' | 'system' | 'builtin'
}

const SYSTEM_DEJAVU = '/usr/share/fonts/truetype/dejavu'

/**
 * Choose the fonts once: DejaVu Sans from the `dejavu-fonts-ttf` package (Bitstream Vera licence,
 * shipped with Sidenote), else the Debian copy if present, else Helvetica with characters outside
 * WinAnsi replaced, so that an export never fails for want of a font.
 */
export function resolvePdfFonts(): PdfFonts {
  try {
    const dir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf')
    const regular = join(dir, 'DejaVuSans.ttf')
    const bold = join(dir, 'DejaVuSans-Bold.ttf')
    if (existsSync(regular) && existsSync(bold))
      return { regular, bold, embedded: true, source: 'dejavu-fonts-ttf' }
  } catch {
    // Package not installed: try the system copy below.
  }
  const regular = join(SYSTEM_DEJAVU, 'DejaVuSans.ttf')
  const bold = join(SYSTEM_DEJAVU, 'DejaVuSans-Bold.ttf')
  if (existsSync(regular))
    return { regular, bold: existsSync(bold) ? bold : regular, embedded: true, source: 'system' }
  return { regular: 'Helvetica', bold: 'Helvetica-Bold', embedded: false, source: 'builtin' }
}

// Characters Windows-1252 (WinAnsi) has beyond Latin-1; the standard fonts print these and Latin-1.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ')
const PLAIN: Record<string, string> = {
  '≥': '>=',
  '≤': '<=',
  '≠': '!=',
  '→': '->',
  '←': '<-',
  '−': '-',
  '‐': '-',
  '‑': '-',
}

/** Make text printable in a standard (WinAnsi) font: common symbols spelled out, the rest as "?". */
export function toWinAnsi(text: string): string {
  let out = ''
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0)!
    if (
      code === 0x0a ||
      (code >= 0x20 && code <= 0x7e) ||
      (code >= 0xa0 && code <= 0xff) ||
      WIN_ANSI_EXTRA.has(ch)
    )
      out += ch
    else out += PLAIN[ch] ?? '?'
  }
  return out
}

const PAGE = { size: 'LETTER' as const, margin: 54 }
const FOOTER_SPACE = 28

/** Render an export document as a PDF (US Letter), with a footer on every page. */
export async function renderPdf(
  doc: ExportDocument,
  options: { fonts?: PdfFonts; createdAt?: Date; compress?: boolean } = {},
): Promise<Buffer> {
  const fonts = options.fonts ?? resolvePdfFonts()
  const t = fonts.embedded ? (s: string) => s : toWinAnsi
  const pdf = new PDFDocument({
    size: PAGE.size,
    margins: { top: PAGE.margin, left: PAGE.margin, right: PAGE.margin, bottom: PAGE.margin + FOOTER_SPACE },
    bufferPages: true,
    compress: options.compress ?? true,
    // No client name in the file's metadata: it shows in file browsers and upload previews.
    info: {
      Title: 'Clinical note',
      Creator: 'Sidenote',
      Producer: 'Sidenote',
      CreationDate: options.createdAt ?? new Date(),
    },
  })
  const chunks: Buffer[] = []
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<void>((resolve, reject) => {
    pdf.on('end', () => resolve())
    pdf.on('error', reject)
  })
  pdf.registerFont('body', fonts.regular)
  pdf.registerFont('bold', fonts.bold)
  const width = pdf.page.width - PAGE.margin * 2

  const heading = (text: string, size = 12) => {
    pdf.moveDown(0.6).font('bold').fontSize(size).fillColor('#000000').text(t(text), { width })
    pdf.moveDown(0.2)
  }
  const facts = (list: Fact[]) => {
    for (const [label, value] of list) {
      pdf
        .font('bold')
        .fontSize(10)
        .text(`${t(label)}: `, { width, continued: true })
      pdf.font('body').text(t(value), { width })
    }
  }

  pdf.font('bold').fontSize(16).text(t(doc.title), { width })
  pdf.moveDown(0.4)
  facts(doc.facts)
  if (doc.recipient) {
    pdf.moveDown(0.5)
    facts(doc.recipient)
  }
  if (doc.part2) {
    heading(doc.part2.title)
    pdf.font('body').fontSize(9.5)
    for (const paragraph of doc.part2.notice) pdf.text(t(paragraph), { width }).moveDown(0.3)
    heading(doc.part2.consentTitle, 11)
    facts(doc.part2.consent)
  }
  for (const section of doc.sections) {
    heading(section.title)
    pdf.font('body').fontSize(10.5)
    if (section.statements.length === 0)
      pdf
        .fillColor('#444444')
        .text(t(section.note ?? 'Not addressed in this session.'), { width })
        .fillColor('#000000')
    for (const statement of section.statements)
      pdf.text(t(`•  ${statement}`), { width, indent: 0 }).moveDown(0.15)
  }
  heading('Signature')
  facts(doc.signature)
  if (doc.cosignature) {
    pdf.moveDown(0.3)
    facts(doc.cosignature)
  }
  for (const addendum of doc.addenda) {
    heading(addendum.heading, 11)
    pdf.font('body').fontSize(10.5).text(t(addendum.text), { width })
  }

  const range = pdf.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i)
    // Writing inside the bottom margin would start a new page; the footer lives there on purpose.
    const bottom = pdf.page.margins.bottom
    pdf.page.margins.bottom = 0
    pdf
      .font('body')
      .fontSize(8)
      .fillColor('#444444')
      .text(
        t(`${doc.footer} · page ${i + 1} of ${range.count}`),
        PAGE.margin,
        pdf.page.height - PAGE.margin - FOOTER_SPACE + 8,
        { width },
      )
    pdf.page.margins.bottom = bottom
  }
  pdf.end()
  await done
  return Buffer.concat(chunks)
}
