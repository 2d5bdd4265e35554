/**
 * Parse + draft + verify on the longest sample and on ten copies of it concatenated (timestamps
 * shifted so the copy is one long, valid session): words per second, the 10×/1× time ratio, and
 * peak memory. Both runs happen in this process, after a warm-up, so the ratio compares like with
 * like. Usage: npx tsx bench/pipeline.bench.ts
 */
import { draftNote } from '../src/core/pipeline/index.js'
import { countWords } from '../src/core/text/index.js'
import { parseTranscript } from '../src/core/transcript/index.js'
import { loadSamples } from '../test/support/samples.js'

function vttTime(seconds: number): string {
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = seconds % 60
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${s.toFixed(3).padStart(6, '0')}`
}

/** Ten sessions in one WebVTT file: each copy's cues shifted past the previous copy's end. */
function repeatVtt(text: string, times: number): string {
  const body = text.replace(/^\uFEFF?WEBVTT[^\n]*\n/, '')
  const stamps = [...body.matchAll(/(\d{2}):(\d{2}):(\d{2})\.(\d{3})/g)].map(
    (m) => Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 1000,
  )
  const span = Math.ceil(Math.max(...stamps)) + 5
  const copies: string[] = []
  for (let k = 0; k < times; k++)
    copies.push(
      body.replace(/(\d{2}):(\d{2}):(\d{2})\.(\d{3})/g, (_, h, m, s, ms) =>
        vttTime(Number(h) * 3600 + Number(m) * 60 + Number(s) + Number(ms) / 1000 + k * span),
      ),
    )
  return `WEBVTT\n${copies.join('\n')}`
}

function timeIt(fn: () => void, minMs = 1500): number {
  fn() // warm-up
  const runs: number[] = []
  const start = performance.now()
  while (performance.now() - start < minMs || runs.length < 3) {
    const t = performance.now()
    fn()
    runs.push(performance.now() - t)
  }
  runs.sort((a, b) => a - b)
  return runs[Math.floor(runs.length / 2)]!
}

export function benchPipeline(): void {
  const samples = loadSamples().filter((s) => s.path.endsWith('.vtt'))
  const longest = samples.sort((a, b) => b.bytes.length - a.bytes.length)[0]!
  const one = longest.bytes.toString('utf8')
  const ten = repeatVtt(one, 10)
  const format = longest.gold.session.service.startsWith('family') ? 'family' : 'soap'
  const run = (text: string) => () => {
    draftNote(parseTranscript(text), { format })
  }
  const words = (text: string) => parseTranscript(text).utterances.reduce((n, u) => n + countWords(u.text), 0)
  const w1 = words(one)
  const w10 = words(ten)
  const rss0 = process.resourceUsage().maxRSS
  const t1 = timeIt(run(one))
  const rss1 = process.resourceUsage().maxRSS
  const t10 = timeIt(run(ten), 3000)
  const rss10 = process.resourceUsage().maxRSS
  console.log(
    `Pipeline (parse + draft + verify), ${longest.id} (${longest.gold.format}), median of repeated runs, one core`,
  )
  console.log(
    `  1×   ${String(w1).padStart(7)} words  ${t1.toFixed(1).padStart(8)} ms  ${Math.round(w1 / (t1 / 1000))
      .toLocaleString('en-US')
      .padStart(9)} words/s   (target ≥ 50,000)`,
  )
  console.log(
    `  10×  ${String(w10).padStart(7)} words  ${t10.toFixed(1).padStart(8)} ms  ${Math.round(
      w10 / (t10 / 1000),
    )
      .toLocaleString('en-US')
      .padStart(9)} words/s`,
  )
  console.log(`  10×/1× time ratio ${(t10 / t1).toFixed(2)}   (target ≤ 12)`)
  console.log(
    `  peak RSS: before ${(rss0 / 1024).toFixed(0)} MB, after 1× ${(rss1 / 1024).toFixed(0)} MB, after 10× ${(rss10 / 1024).toFixed(0)} MB`,
  )
}

if (import.meta.url === `file://${process.argv[1]}`) benchPipeline()
