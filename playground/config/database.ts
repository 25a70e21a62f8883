import path from 'path';
import type { Core } from '@strapi/strapi';

/**
 * SQLite by default (DATABASE_FILENAME, relative to the app or absolute); PostgreSQL with
 * DATABASE_CLIENT=postgres (used by the cluster tests). Empty variables count as unset.
 */
/** What the pool hands `afterCreate`: a better-sqlite3 connection. */
interface SqliteConnection {
  pragma: (source: string) => unknown;
}

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Database => {
  const val = (key: string, fallback: string) => env(key) || fallback;
  if (val('DATABASE_CLIENT', 'sqlite') === 'postgres') {
    return {
      connection: {
        client: 'postgres',
        connection: {
          host: val('DATABASE_HOST', '127.0.0.1'),
          port: Number(val('DATABASE_PORT', '5432')),
          database: val('DATABASE_NAME', 'strapi'),
          user: val('DATABASE_USERNAME', 'postgres'),
          password: val('DATABASE_PASSWORD', ''),
          schema: val('DATABASE_SCHEMA', 'public'),
        },
        pool: { min: 0, max: Number(val('DATABASE_POOL_MAX', '5')) },
      },
    };
  }
  const filename = val('DATABASE_FILENAME', '.tmp/data.db');
  const wal = env.bool('DATABASE_SQLITE_WAL', false);
  const syncOff = env.bool('DATABASE_SQLITE_SYNC_OFF', false);
  return {
    connection: {
      client: 'sqlite',
      connection: {
        filename: path.isAbsolute(filename) ? filename : path.join(__dirname, '..', '..', filename),
      },
      useNullAsDefault: true,
      // DATABASE_SQLITE_WAL=true: write-ahead logging, as the README advises for many accounts on
      // SQLite (a commit appends to the log instead of syncing a rollback journal each time)
      // DATABASE_SQLITE_SYNC_OFF=true (the test suites' throwaway databases): no fsync at commits,
      // so a boot's schema writes do not wait on a busy disk; a killed process loses nothing (the
      // OS holds the writes), only a machine crash could
      ...((wal || syncOff) && {
        pool: {
          afterCreate: (conn: unknown, done: (err?: Error, conn?: unknown) => void) => {
            const sqlite = conn as SqliteConnection;
            if (wal) sqlite.pragma('journal_mode = WAL');
            sqlite.pragma(syncOff ? 'synchronous = OFF' : 'synchronous = NORMAL');
            done(undefined, conn);
          },
        },
      }),
    },
  };
};

export default config;
