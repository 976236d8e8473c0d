/**
 * The SQLite connection every store module shares: opening (pragmas, migrations) and {@link Sql},
 * the only way modules reach the database. better-sqlite3 stays behind this file and the modules.
 *
 * Durability: WAL with `synchronous = FULL`. In WAL mode `NORMAL` already survives a killed
 * process (the WAL write reaches the OS before the commit returns), but may lose the last commits
 * on power loss or an OS crash; `FULL` fsyncs the WAL on every commit so an acknowledged write (an
 * issued token or credential a client now caches) survives both. Writes happen on logins and
 * credential issuance, not on the hot signed-request path, so the fsync costs little.
 *
 * @module
 */
import Database from 'better-sqlite3'
import { runMigrations } from './migrations.js'

/**
 * Typed access to one database. Each SQL text is prepared on its first use and the statement kept
 * for the life of this object (one per open database, never module-level), so the hot lookups do
 * not re-parse SQL.
 */
export interface Sql {
  /** The first row of `sql`, or undefined. */
  one<R>(sql: string, ...params: unknown[]): R | undefined
  /** Every row of `sql`. */
  all<R>(sql: string, ...params: unknown[]): R[]
  /** Runs a write; returns how many rows changed. */
  run(sql: string, ...params: unknown[]): number
  /** Runs `fn` in one transaction (nested calls join the outer one). */
  transaction<T>(fn: () => T): T
  /** The database's journal mode (`wal` for files, `memory` for `:memory:`). */
  journalMode(): string
  /** Closes the database (checkpointing the WAL). */
  close(): void
}

/** Opens (creating and migrating as needed) the database at `path`, or `':memory:'`. */
export function openSql(path: string): Sql {
  const db = new Database(path)
  if (path !== ':memory:') {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
  }
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  runMigrations(db)
  const statements = new Map<string, Database.Statement>()
  const prepared = (sql: string): Database.Statement => {
    let statement = statements.get(sql)
    if (!statement) {
      statement = db.prepare(sql)
      statements.set(sql, statement)
    }
    return statement
  }
  return {
    one: <R>(sql: string, ...params: unknown[]) => prepared(sql).get(...params) as R | undefined,
    all: <R>(sql: string, ...params: unknown[]) => prepared(sql).all(...params) as R[],
    run: (sql, ...params) => prepared(sql).run(...params).changes,
    transaction: (fn) => db.transaction(fn)(),
    journalMode: () => String(db.pragma('journal_mode', { simple: true })),
    close: () => db.close(),
  }
}

/** Parses a JSON column, with `fallback` for NULL or empty text. */
export function jsonColumn<T>(text: string | null | undefined, fallback: T): T {
  return text ? (JSON.parse(text) as T) : fallback
}

/** `undefined` becomes SQL NULL. */
export function nullable<T>(value: T | undefined): T | null {
  return value === undefined ? null : value
}
