import type { KnownIdentifiers } from '../deid/index.js'
import type { ClinicianInput, Draft, Flag, NoteFormat } from '../drafting/draft.schema.js'
import type { Transcript } from '../transcript/utterance.js'
import type { EgressData, ProviderConfig, TokenCounts } from './provider.schema.js'

/** What a drafting engine is asked to draft. Identified data: an external engine de-identifies it. */
export interface DraftRequest {
  transcript: Transcript
  format: NoteFormat
  /** Group notes: the speaker label of the member the note is for. */
  member?: string | undefined
  clinicianInput?: ClinicianInput[] | undefined
  maxWords?: number | undefined
  /** The risk detector's flags for this session (the embedded engine turns them into statements). */
  riskFlags: Flag[]
  /** Identifiers the practice holds for the client (names, DOB, ids), always removed before egress. */
  known?: KnownIdentifiers | undefined
  /** Part 2 status and consent, for the egress guard. */
  data: Pick<EgressData, 'part2' | 'part2ConsentCoversProvider'>
}

/** Progress a long draft reports: stages, and tokens received while a model streams. */
export type DraftProgress =
  | { stage: 'deidentified'; utterances: number; characters: number }
  | { stage: 'requesting'; attempt: number }
  | { stage: 'receiving'; attempt: number; tokens: number }
  | { stage: 'retrying'; attempt: number; delayMs: number; reason: string }
  | { stage: 'checking'; attempt: number }
  | { stage: 'fallback'; reason: string }

export interface DraftContext {
  /** Cancels the draft (the user closed the page, pressed Ctrl-C). */
  signal?: AbortSignal | undefined
  onProgress?: ((progress: DraftProgress) => void) | undefined
}

/**
 * A drafting engine: the embedded engine or a language model behind the egress guard. It returns
 * an unverified Draft whose `engine` names it (and carries `provenance` for a model); the pipeline
 * verifies every draft the same way, whichever engine wrote it.
 */
export interface DraftingEngine {
  readonly name: string
  readonly version: string
  readonly provider: ProviderConfig
  draft(request: DraftRequest, context?: DraftContext): Promise<Draft>
}

/** One chat message sent to a model. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant'
  content: string
}

/** A chat-completion request as the core sees it; the adapter turns it into HTTP. */
export interface ChatRequest {
  messages: ChatMessage[]
  /** Ask for structured output with this JSON schema (servers may ignore it). */
  jsonSchema?: { name: string; schema: Record<string, unknown> } | undefined
  temperature?: number | undefined
  maxTokens?: number | undefined
}

export interface ChatResponse {
  content: string
  /** The model as the server names it, or the requested one. */
  model: string
  usage: TokenCounts
}

/** What is about to leave in one HTTP request: the data's characters and the request's bytes. */
export interface OutgoingSize {
  characters: number
  bytes: number
}

export interface ChatCallOptions {
  signal: AbortSignal
  /**
   * Called before every HTTP request (a compatibility retry included); the request is not made
   * when it rejects. This is where the egress audit is written.
   */
  beforeSend: (size: OutgoingSize) => Promise<void>
  /** Called with the running count of tokens received while streaming. */
  onTokens?: ((tokens: number) => void) | undefined
}

/**
 * The port to a chat-completion model. Failures are AppErrors: PROVIDER_TIMEOUT, or
 * PROVIDER_FAILED with `providerFailureInfo` (status, retryable, Retry-After).
 */
export interface ChatModel {
  complete(request: ChatRequest, options: ChatCallOptions): Promise<ChatResponse>
}
