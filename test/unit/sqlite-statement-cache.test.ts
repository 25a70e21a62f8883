import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import Database from 'better-sqlite3';
import {
  StatementLru,
  cacheStatements,
  installStatementCache,
  statementCacheOf,
} from '../../server/src/utils/sqlite-statement-cache';

describe('StatementLru', () => {
  it('prepares a text once and hands the same statement back', () => {
    const made: string[] = [];
    const lru = new StatementLru<{ sql: string }>(3);
    const prepare = (sql: string) => {
      made.push(sql);
      return { sql };
    };
    const a = lru.get('select 1', prepare);
    expect(lru.get('select 1', prepare)).toBe(a);
    expect(made).toEqual(['select 1']);
    expect([lru.hits, lru.misses]).toEqual([1, 1]);
  });

  it('drops the least recently used text past its capacity', () => {
    const made: string[] = [];
    const lru = new StatementLru<string>(2);
    const prepare = (sql: string) => (made.push(sql), sql);
    lru.get('a', prepare);
    lru.get('b', prepare);
    lru.get('a', prepare); // a is now the most recent
    lru.get('c', prepare); // b goes
    expect(lru.size).toBe(2);
    lru.get('a', prepare);
    lru.get('b', prepare);
    expect(made).toEqual(['a', 'b', 'c', 'b']);
  });

  it('keeps nothing for a text that does not compile', () => {
    const lru = new StatementLru<string>(2);
    const fail = () => {
      throw new Error('near "selec": syntax error');
    };
    expect(() => lru.get('selec 1', fail)).toThrow(/syntax error/);
    expect(lru.size).toBe(0);
  });
});

describe('a better-sqlite3 connection with the cache', () => {
  it('runs the same statement again with other bindings, and after the schema changed', () => {
    const db = new Database(':memory:');
    const cache = cacheStatements(db, 8);
    db.prepare('create table t (id integer primary key, v text)').run();
    const insert = 'insert into t (v) values (?)';
    db.prepare(insert).run('one');
    db.prepare(insert).run('two');
    expect(db.prepare('select v from t order by id').all()).toEqual([{ v: 'one' }, { v: 'two' }]);
    // a column added after the select was compiled: SQLite compiles the cached statement again
    db.prepare('alter table t add column w text').run();
    db.prepare('update t set w = ?').run('x');
    expect(db.prepare('select * from t order by id').all()).toEqual([
      { id: 1, v: 'one', w: 'x' },
      { id: 2, v: 'two', w: 'x' },
    ]);
    expect(cache.hits).toBeGreaterThanOrEqual(1);
    // a second call keeps the first cache
    expect(cacheStatements(db, 2)).toBe(cache);
    db.close();
  });
});

describe('installStatementCache on knex (better-sqlite3)', () => {
  let dir: string;
  let knex: Knex;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stmt-cache-'));
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(dir, 'db.sqlite') },
      useNullAsDefault: true,
    });
  });
  afterEach(async () => {
    await knex.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('compiles a repeated query once, in and out of transactions, with the right answers', async () => {
    expect(installStatementCache(knex, 'sqlite', 16)).toBe(true);
    await knex.schema.createTable('jobs', (t) => {
      t.increments('id');
      t.string('state');
    });
    for (const state of ['waiting', 'running', 'waiting']) await knex('jobs').insert({ state });
    await knex.transaction(async (trx) => {
      await trx('jobs').where({ id: 2 }).update({ state: 'done' });
    });
    const waiting = await knex('jobs').where({ state: 'waiting' }).select('id');
    const done = await knex('jobs').where({ state: 'done' }).select('id');
    expect(waiting).toEqual([{ id: 1 }, { id: 3 }]);
    expect(done).toEqual([{ id: 2 }]);

    const connection = await knex.client.acquireConnection();
    const cache = statementCacheOf(connection as object);
    await knex.client.releaseConnection(connection);
    expect(cache).toBeDefined();
    // three inserts of one text and two selects of one text: three of the five compiled once
    expect(cache!.hits).toBeGreaterThanOrEqual(3);
    // installing twice changes nothing
    expect(installStatementCache(knex, 'sqlite', 16)).toBe(true);
  });

  it('is not installed with capacity 0 or on another dialect', async () => {
    expect(installStatementCache(knex, 'sqlite', 0)).toBe(false);
    expect(installStatementCache(knex, 'postgres', 16)).toBe(false);
    await knex.raw('select 1');
    const connection = await knex.client.acquireConnection();
    expect(statementCacheOf(connection as object)).toBeUndefined();
    await knex.client.releaseConnection(connection);
  });
});
