export { isCommonWord, wordCount, wordRarity } from './frequency.js'
export { extractNumbers, type NumberMention, numberValues, parseNumber, wordValue } from './numbers.js'
export { type Sentence, splitSentences } from './sentences.js'
export {
  contentStems,
  countWords,
  escapeRegExp,
  isNegationToken,
  NEGATIONS,
  normalizeText,
  STOPWORDS,
  stem,
  type Token,
  tokenize,
} from './tokens.js'
