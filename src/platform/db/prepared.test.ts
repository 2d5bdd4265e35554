import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, type DbHandle, migrate } from './connect.js'
import { preparedQuery } from './prepared.js'

describe('preparedQuery', () => {
  let handle: DbHandle
  beforeAll(async () => {
    handle = connect({})
    await migrate(handle.db)
    for (const [id, name, mfa] of [
      ['p1', 'One', 0],
      ['p2', 'Two', 1],
      ['p3', 'Three', 1],
    ] as const)
      await handle.db
        .insertInto('practices')
        .values({
          id,
          name,
          require_mfa: mfa,
          transcript_retention: 'keep',
          created_at: '2026-01-01T00:00:00Z',
        })
        .execute()
  })
  afterAll(() => handle.close())

  it('binds each call’s values where the placeholders were, and keeps constants', async () => {
    const byMfa = preparedQuery((db, p: { name: string }) =>
      db
        .selectFrom('practices')
        .select('id')
        .where('require_mfa', '=', 1)
        .where('name', '!=', p.name)
        .orderBy('id'),
    )
    expect(await byMfa.all(handle.db, { name: 'Two' })).toEqual([{ id: 'p3' }])
    expect(await byMfa.all(handle.db, { name: 'One' })).toEqual([{ id: 'p2' }, { id: 'p3' }])
    expect(await byMfa.first(handle.db, { name: 'Three' })).toEqual({ id: 'p2' })
  })

  it('runs changes in a transaction and counts the rows changed', async () => {
    const rename = preparedQuery((db, p: { id: string; name: string }) =>
      db.updateTable('practices').set({ name: p.name }).where('id', '=', p.id),
    )
    const changed = await handle.db
      .transaction()
      .execute((trx) => rename.run(trx, { id: 'p1', name: 'Renamed' }))
    expect(changed).toBe(1)
    expect(await rename.run(handle.db, { id: 'nope', name: 'x' })).toBe(0)
    const row = await handle.db
      .selectFrom('practices')
      .select('name')
      .where('id', '=', 'p1')
      .executeTakeFirst()
    expect(row?.name).toBe('Renamed')
  })

  it('refuses a value that would be written into the SQL text or is not bound as a parameter', async () => {
    const intoSql = preparedQuery((db, p: { column: string }) =>
      db.selectFrom('practices').select(sql.ref(p.column).as('x')),
    )
    await expect(intoSql.all(handle.db, { column: 'name' })).rejects.toThrow(/ended up in its SQL/)
    const transformed = preparedQuery((db, p: { name: string }) =>
      db.selectFrom('practices').select('id').where('name', '=', p.name.toUpperCase()),
    )
    await expect(transformed.all(handle.db, { name: 'One' })).rejects.toThrow(/not one of its parameters/)
  })

  it('refuses a call that leaves a value out', async () => {
    const byId = preparedQuery((db, p: { id: string }) =>
      db.selectFrom('practices').select('name').where('id', '=', p.id),
    )
    await expect(byId.first(handle.db, {} as { id: string })).rejects.toThrow(/needs a value for "id"/)
  })
})
