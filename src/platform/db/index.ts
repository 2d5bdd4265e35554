export {
  asCount,
  type ConnectOptions,
  connect,
  type Db,
  type DbHandle,
  type DbKind,
  migrate,
} from './connect.js'
export { type PreparedParams, type PreparedQuery, preparedQuery } from './prepared.js'
export type * from './schema.js'
