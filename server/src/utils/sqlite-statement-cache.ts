/**
 * SQLite (better-sqlite3): prepared statements kept per connection, so a statement the worker runs
 * again (a claim, a job's end, a rate-limit turn) is compiled once, not at every run. knex prepares
 * each query anew (`connection.prepare(sql)`, then `all` or `run`); compiling is about a tenth of
 * the Strapi process's CPU per pin (bench: `BENCH_CPU_PROFILE`, `Statement (native)`).
 *
 * A better-sqlite3 statement can be run again with other bindings, and knex runs each one to the
 * end at once (`all` / `run`, synchronous), so one statement object serves every query with the
 * same text. SQLite prepares a cached statement again by itself when the schema changes.
 */

/** What the cache needs of a better-sqlite3 connection. */
export interface Preparer {
  prepare(sql: string): unknown;
}

/** Least recently used first out: a Map keeps insertion order, and a hit is moved to its end. */
export class StatementLru<S> {
  private readonly entries = new Map<string, S>();
  hits = 0;
  misses = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(sql: string, prepare: (sql: string) => S): S {
    const found = this.entries.get(sql);
    if (found !== undefined) {
      this.hits += 1;
      this.entries.delete(sql);
      this.entries.set(sql, found);
      return found;
    }
    this.misses += 1;
    // a statement that fails to compile throws here and is not kept
    const made = prepare(sql);
    this.entries.set(sql, made);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    return made;
  }
}

const CACHES = new WeakMap<object, StatementLru<unknown>>();

/**
 * Gives one connection a statement cache of `capacity` statements (once; a second call keeps the
 * first cache). Returns the cache.
 */
export function cacheStatements(connection: Preparer, capacity: number): StatementLru<unknown> {
  const known = CACHES.get(connection);
  if (known) return known;
  const cache = new StatementLru<unknown>(capacity);
  const prepare = connection.prepare.bind(connection);
  connection.prepare = (sql: string) => cache.get(sql, prepare);
  CACHES.set(connection, cache);
  return cache;
}

/** The cache of a connection, if it has one (tests and the bench read its hits). */
export function statementCacheOf(connection: object): StatementLru<unknown> | undefined {
  return CACHES.get(connection);
}

/** What the cache needs of knex's better-sqlite3 client. */
interface SqliteClient {
  _query: (connection: unknown, query: unknown) => Promise<unknown>;
}

const isSqliteClient = (c: unknown): c is SqliteClient =>
  typeof c === 'object' && c !== null && typeof (c as SqliteClient)._query === 'function';

const isPreparer = (c: unknown): c is Preparer =>
  typeof c === 'object' && c !== null && typeof (c as Preparer).prepare === 'function';

const INSTALLED = new WeakSet<object>();

/**
 * Every connection knex's better-sqlite3 client runs a query on gets a statement cache, the first
 * time it is used (so the pool's connections made later get one too). Nothing for another
 * client, nor with `capacity` 0. Returns whether it was installed.
 */
export function installStatementCache(
  knex: { client: unknown },
  dialect: string,
  capacity: number
): boolean {
  const client = knex.client;
  if (dialect !== 'sqlite' || capacity <= 0 || !isSqliteClient(client)) return false;
  if (INSTALLED.has(client)) return true;
  const query = client._query.bind(client);
  client._query = (connection: unknown, q: unknown) => {
    if (isPreparer(connection)) cacheStatements(connection, capacity);
    return query(connection, q);
  };
  INSTALLED.add(client);
  return true;
}
