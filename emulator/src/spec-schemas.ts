/**
 * The trimmed Pinterest spec (emulator/spec/pinterest-v5.json, written by scripts/trim-openapi.ts),
 * adapted for ajv and compiled on demand. OpenAPI 3.0 says some things ajv reads differently:
 * - `discriminator` beside `oneOf` is ajv's discriminator, but ajv refuses `mapping`: it is
 *   dropped.
 * - `discriminator` with `mapping` and no `oneOf` (Pinterest's OAuth request/response schemas)
 *   becomes
 *   one `if {tag: value} then {$ref: target}` per mapping entry.
 * - `oneOf` without a discriminator whose branches overlap (Pinterest's `metric_types` items list
 *   IMPRESSION in both branches) would reject valid input: it is read as `anyOf`.
 * - `nullable` without `type` (beside `allOf: [$ref]`) becomes `anyOf: [schema, {type: null}]`.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import rawSpec from '../spec/pinterest-v5.json';

export type JsonObject = { [k: string]: unknown };

export const spec = rawSpec as unknown as JsonObject;

const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function adapt(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(adapt);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node))
    out[k] =
      k === 'properties' && isObject(v)
        ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, adapt(s)]))
        : adapt(v);
  const disc = out.discriminator;
  if (isObject(disc)) {
    const tag = String(disc.propertyName);
    if (Array.isArray(out.oneOf)) {
      out.discriminator = { propertyName: tag };
    } else {
      delete out.discriminator;
      const mapping = isObject(disc.mapping) ? disc.mapping : {};
      const branches = Object.entries(mapping).map(([value, ref]) => ({
        if: { properties: { [tag]: { const: value } }, required: [tag] },
        then: { $ref: ref },
      }));
      if (branches.length) out.allOf = [...((out.allOf as unknown[]) ?? []), ...branches];
    }
  } else if (Array.isArray(out.oneOf)) {
    out.anyOf = out.oneOf;
    delete out.oneOf;
  }
  if ('nullable' in out && out.type === undefined) {
    // ajv reads `nullable` only beside `type` (Pinterest writes `{allOf: [$ref], nullable: true}`)
    const { nullable, ...rest } = out;
    return nullable === true ? { anyOf: [rest, { type: 'null' }] } : rest;
  }
  return out;
}

const SPEC_ID = 'pinterest-v5.json';
const adapted = adapt(spec) as JsonObject;

export const ajv = new Ajv({
  strict: false,
  allErrors: false,
  discriminator: true,
  coerceTypes: false,
  useDefaults: false,
  verbose: true,
});
addFormats(ajv);
ajv.addSchema(adapted, SPEC_ID);

/** Escapes one JSON-pointer segment. */
export const pointerSegment = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

const cache = new Map<string, ValidateFunction>();

/** A validator for the schema at `pointer` (e.g. `#/components/schemas/Pin`) in the spec. */
export function compileAt(pointer: string): ValidateFunction {
  let fn = cache.get(pointer);
  if (!fn) {
    fn = ajv.compile({ $ref: `${SPEC_ID}${pointer}` });
    cache.set(pointer, fn);
  }
  return fn;
}

/** Follows a `$ref` (one level, `#/…` pointers only) in the raw spec. */
export function resolveRef<T = JsonObject>(node: unknown): T {
  if (!isObject(node) || typeof node.$ref !== 'string') return node as T;
  return node.$ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>(
      (acc, part) =>
        isObject(acc) ? acc[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined,
      spec
    ) as T;
}
