/**
 * zod readers for the column types of the plugin's rows, as the database drivers answer them:
 * PostgreSQL gives bigints and decimals as strings, SQLite gives booleans as 0/1. Each store
 * builds its row schema from these, next to the queries that read the rows.
 */
import { z } from 'zod';
import { pinErrorSchema, type PinErrorDTO } from '../../../common/wire';

const numeric = z.union([z.number(), z.string(), z.bigint()]);

/** A number column that is never empty. */
export const dbNumber = numeric.transform(Number);

/** A number column that may be empty (null). */
export const dbNumberOrNull = numeric
  .nullish()
  .transform((v) => (v === null || v === undefined ? null : Number(v)));

/** A boolean column (SQLite answers 0/1); empty is false. */
export const dbBoolean = z
  .union([z.boolean(), z.number(), z.string()])
  .nullish()
  .transform((v) => v === true || v === 1 || v === '1' || v === 'true');

/** A text column that may be empty (null). */
export const dbText = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

/** A date-time column as the query engine answers it (a string or a Date), or null. */
export const dbDate = z
  .union([z.string(), z.date()])
  .nullish()
  .transform((v) => v ?? null);

/** A JSON object column, or null. */
export const dbJsonObject = z
  .record(z.string(), z.unknown())
  .nullish()
  .transform((v) => v ?? null);

/** A stored `PinError` (JSON); a shape the plugin does not write any more reads as none. */
export const dbPinError = pinErrorSchema
  .nullish()
  .catch(null)
  .transform((v): PinErrorDTO | null => v ?? null);
