import { errors } from '@strapi/utils';
import type { z } from 'zod';

/** Parses route input with a strict zod schema; a failure is a 400 in Strapi's error shape. */
export function validate<S extends z.ZodTypeAny>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new errors.ValidationError(`${issue.path.join('.') || 'input'}: ${issue.message}`, {
      errors: parsed.error.issues.map((i) => ({
        path: i.path.map(String),
        message: i.message,
        name: 'ValidationError',
      })),
    });
  }
  return parsed.data;
}

/** Route params carry extra numeric keys from the router; keep only the named ones. */
export const namedParams = (params: unknown, names: readonly string[]): Record<string, unknown> =>
  Object.fromEntries(names.map((n) => [n, (params as Record<string, unknown> | undefined)?.[n]]));
