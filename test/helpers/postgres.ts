import { Client } from 'pg';

export const PG = {
  host: process.env.DATABASE_HOST || '127.0.0.1',
  port: Number(process.env.DATABASE_PORT || 5432),
  user: process.env.DATABASE_USERNAME || 'postgres',
  password: process.env.DATABASE_PASSWORD || '',
};

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ ...PG, database: 'postgres' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates a fresh database for one test run (dropped by `dropDatabase`). */
export async function createDatabase(name: string): Promise<void> {
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
  });
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

export async function query<R extends Record<string, unknown>>(
  database: string,
  sql: string,
  params: unknown[] = []
): Promise<R[]> {
  const client = new Client({ ...PG, database });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as R[];
  } finally {
    await client.end();
  }
}

/** The environment that points the playground at a PostgreSQL database. */
export const postgresEnv = (database: string): Record<string, string> => ({
  DATABASE_CLIENT: 'postgres',
  DATABASE_HOST: PG.host,
  DATABASE_PORT: String(PG.port),
  DATABASE_NAME: database,
  DATABASE_USERNAME: PG.user,
  DATABASE_PASSWORD: PG.password,
});
