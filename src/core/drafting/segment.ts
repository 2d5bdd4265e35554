import type { SessionSentence } from './sentences.js'

/**
 * Topic segmentation in the manner of TextTiling (Hearst, 1997): compare the words of the
 * utterances before and after each gap; where the vocabulary changes most, a new topic begins.
 * Returns, for each utterance index, the segment it belongs to.
 */
export function segmentTopics(
  sentences: SessionSentence[],
  utterances: number,
  segments: number,
): Int32Array {
  const out = new Int32Array(utterances)
  if (segments <= 1 || utterances < 4) return out
  const bags: Map<string, number>[] = Array.from({ length: utterances }, () => new Map())
  for (const s of sentences) {
    const bag = bags[s.utteranceIndex]!
    for (const stem of s.stems) bag.set(stem, (bag.get(stem) ?? 0) + 1)
  }
  const window = Math.max(3, Math.min(10, Math.round(utterances / segments / 2)))
  // Sliding windows: add the utterance entering a window, remove the one leaving it.
  const addBag = (into: Map<string, number>, bag: Map<string, number>, sign: 1 | -1) => {
    for (const [k, v] of bag) {
      const n = (into.get(k) ?? 0) + sign * v
      if (n === 0) into.delete(k)
      else into.set(k, n)
    }
  }
  const cosine = (a: Map<string, number>, b: Map<string, number>) => {
    let dot = 0
    let na = 0
    let nb = 0
    for (const [k, v] of a) {
      na += v * v
      const w = b.get(k)
      if (w) dot += v * w
    }
    for (const v of b.values()) nb += v * v
    return na && nb ? dot / Math.sqrt(na * nb) : 0
  }
  // Similarity across each gap g (between utterance g-1 and g): window [g-w, g) against [g, g+w).
  const sim = new Float64Array(utterances)
  const left = new Map<string, number>()
  const right = new Map<string, number>()
  for (let i = 1; i < Math.min(utterances, 1 + window); i++) addBag(right, bags[i]!, 1)
  addBag(left, bags[0]!, 1)
  for (let g = 1; g < utterances; g++) {
    sim[g] = cosine(left, right)
    // Move the gap one utterance to the right.
    addBag(left, bags[g]!, 1)
    if (g - window >= 0) addBag(left, bags[g - window]!, -1)
    addBag(right, bags[g]!, -1)
    if (g + window < utterances) addBag(right, bags[g + window]!, 1)
  }
  const depth: { gap: number; score: number }[] = []
  for (let g = 1; g < utterances; g++) {
    let left = sim[g]!
    for (let i = g - 1; i >= 1 && sim[i]! >= left; i--) left = sim[i]!
    let right = sim[g]!
    for (let i = g + 1; i < utterances && sim[i]! >= right; i++) right = sim[i]!
    depth.push({ gap: g, score: left - sim[g]! + (right - sim[g]!) })
  }
  depth.sort((a, b) => b.score - a.score)
  const minGap = Math.max(3, Math.floor(utterances / segments / 2))
  const cuts: number[] = []
  for (const d of depth) {
    if (cuts.length >= segments - 1) break
    if (d.gap < minGap || utterances - d.gap < minGap) continue
    if (cuts.some((c) => Math.abs(c - d.gap) < minGap)) continue
    cuts.push(d.gap)
  }
  cuts.sort((a, b) => a - b)
  let seg = 0
  for (let i = 0; i < utterances; i++) {
    while (seg < cuts.length && i >= cuts[seg]!) seg++
    out[i] = seg
  }
  return out
}
