import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Db } from './db/index.js'
import { newId } from './ids.js'

/**
 * Encryption at rest: envelope encryption with AES-256-GCM. Clinical text is encrypted under a
 * data key (DEK); data keys are stored wrapped (encrypted) by the master key (KEK), which lives in
 * a file or the environment, never in the database. Each ciphertext is bound to its place
 * (table, column, row id) by the GCM additional data, so it cannot be moved to another row.
 */

const VERSION = 'v1'

/** Encrypts and decrypts fields; the only way modules touch ciphertext. */
export interface FieldCipher {
  encrypt(plaintext: string, context: string): string
  decrypt(ciphertext: string, context: string): string
  encryptNullable(plaintext: string | null | undefined, context: string): string | null
  decryptNullable(ciphertext: string | null | undefined, context: string): string | null
}

/** Fingerprint of a master key: which KEK wrapped a data key, without revealing the key. */
export function kekId(masterKey: Buffer): string {
  return createHash('sha256').update(masterKey).digest('hex').slice(0, 16)
}

function seal(key: Buffer, plaintext: Buffer, aad: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(aad, 'utf8'))
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return `${iv.toString('base64url')}.${body.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}`
}

function open(key: Buffer, sealed: string, aad: string): Buffer {
  const [iv, body, tag] = sealed.split('.')
  if (!iv || body === undefined || !tag) throw new Error('malformed ciphertext')
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
  decipher.setAAD(Buffer.from(aad, 'utf8'))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()])
}

/** The unwrapped data keys of a database, with the active one used for new writes. */
export class Vault implements FieldCipher {
  private constructor(
    private readonly keys: Map<string, Buffer>,
    private readonly activeId: string,
  ) {}

  /** Load (or, on a new database, create) the data keys and unwrap them with the master key. */
  static async open(db: Db, masterKey: Buffer, now: () => Date = () => new Date()): Promise<Vault> {
    if (masterKey.length !== 32)
      throw new Error('The master key must be 32 bytes (base64 of 32 random bytes).')
    const kek = kekId(masterKey)
    let rows = await db.selectFrom('data_keys').selectAll().execute()
    if (rows.length === 0) {
      const dek = randomBytes(32)
      await db
        .insertInto('data_keys')
        .values({
          id: newId(),
          wrapped_key: seal(masterKey, dek, 'data-key'),
          kek_id: kek,
          active: 1,
          created_at: now().toISOString(),
        })
        .execute()
      rows = await db.selectFrom('data_keys').selectAll().execute()
    }
    const keys = new Map<string, Buffer>()
    for (const row of rows) {
      if (row.kek_id !== kek)
        throw new Error(
          'The master key does not match the one that protects this database. Set SIDENOTE_MASTER_KEY or SIDENOTE_MASTER_KEY_FILE to the key in use.',
        )
      keys.set(row.id, open(masterKey, row.wrapped_key, 'data-key'))
    }
    const active = rows.find((r) => r.active === 1) ?? rows.at(-1)!
    return new Vault(keys, active.id)
  }

  encrypt(plaintext: string, context: string): string {
    const key = this.keys.get(this.activeId)!
    return `${VERSION}.${this.activeId}.${seal(key, Buffer.from(plaintext, 'utf8'), context)}`
  }

  decrypt(ciphertext: string, context: string): string {
    const [version, keyId, ...rest] = ciphertext.split('.')
    const key = keyId ? this.keys.get(keyId) : undefined
    if (version !== VERSION || !key) throw new Error('Encrypted field has an unknown format or key.')
    return open(key, rest.join('.'), context).toString('utf8')
  }

  encryptNullable(plaintext: string | null | undefined, context: string): string | null {
    return plaintext === null || plaintext === undefined ? null : this.encrypt(plaintext, context)
  }

  decryptNullable(ciphertext: string | null | undefined, context: string): string | null {
    return ciphertext === null || ciphertext === undefined ? null : this.decrypt(ciphertext, context)
  }

  /** The id of the data key new writes use. */
  get activeKeyId(): string {
    return this.activeId
  }
}

/**
 * The master key: from the environment (base64), or from a key file created on first start with
 * owner-only permissions. A pending rotation (`<file>.new`) is picked up if the database already
 * uses it.
 */
export function loadMasterKey(options: { masterKey?: string | undefined; keyFile: string }): Buffer {
  if (options.masterKey) {
    const key = Buffer.from(options.masterKey, 'base64')
    if (key.length !== 32) throw new Error('SIDENOTE_MASTER_KEY must be base64 of exactly 32 bytes.')
    return key
  }
  if (!existsSync(options.keyFile)) {
    mkdirSync(dirname(options.keyFile), { recursive: true })
    writeFileSync(options.keyFile, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 })
  }
  chmodSync(options.keyFile, 0o600)
  const key = Buffer.from(readFileSync(options.keyFile, 'utf8').trim(), 'base64')
  if (key.length !== 32)
    throw new Error(`The master key file ${options.keyFile} must hold base64 of 32 bytes.`)
  return key
}

/** The key a database's data keys are wrapped with, choosing between the key file and a pending rotation. */
export async function resolveMasterKey(
  db: Db,
  options: { masterKey?: string | undefined; keyFile: string },
): Promise<Buffer> {
  const pending = `${options.keyFile}.new`
  if (!options.masterKey && existsSync(pending)) {
    const next = Buffer.from(readFileSync(pending, 'utf8').trim(), 'base64')
    const row = await db.selectFrom('data_keys').select('kek_id').executeTakeFirst()
    if (row && row.kek_id === kekId(next)) {
      // The rotation committed in the database but the file was not renamed yet: finish it.
      renameSync(options.keyFile, `${options.keyFile}.old`)
      renameSync(pending, options.keyFile)
      return next
    }
  }
  return loadMasterKey(options)
}

/**
 * Rotate the master key: re-wrap every data key under a new master key in one transaction and
 * add a fresh data key for new writes. Old data stays readable (its data keys are kept).
 * The new key file is written before the transaction and renamed after it.
 */
export async function rotateMasterKey(
  db: Db,
  options: { keyFile: string; oldKey: Buffer; newKey?: Buffer },
  now: () => Date = () => new Date(),
): Promise<{ kekId: string; dataKeys: number }> {
  const newKey = options.newKey ?? randomBytes(32)
  const pending = `${options.keyFile}.new`
  writeFileSync(pending, `${newKey.toString('base64')}\n`, { mode: 0o600 })
  const count = await db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('data_keys').selectAll().execute()
    for (const row of rows) {
      const dek = open(options.oldKey, row.wrapped_key, 'data-key')
      await trx
        .updateTable('data_keys')
        .set({ wrapped_key: seal(newKey, dek, 'data-key'), kek_id: kekId(newKey), active: 0 })
        .where('id', '=', row.id)
        .execute()
    }
    await trx
      .insertInto('data_keys')
      .values({
        id: newId(),
        wrapped_key: seal(newKey, randomBytes(32), 'data-key'),
        kek_id: kekId(newKey),
        active: 1,
        created_at: now().toISOString(),
      })
      .execute()
    return rows.length + 1
  })
  if (existsSync(options.keyFile)) renameSync(options.keyFile, `${options.keyFile}.old`)
  renameSync(pending, options.keyFile)
  return { kekId: kekId(newKey), dataKeys: count }
}
