/**
 * Trims Pinterest's published OpenAPI description to the operations this project uses, keeping the
 * contract (paths, methods, operationIds, parameters, request/response schemas, types, enums,
 * formats,
 * patterns, limits, nullable, discriminators, required lists, scopes, rate-limit categories,
 * sandbox
 * flags) and dropping the prose. Writes emulator/spec/pinterest-v5.json, which the emulator
 * validates
 * every request against, so tests run from a fresh clone without ../shared. Copies the spec's
 * LICENSE.
 *
 *   npx tsx scripts/trim-openapi.ts [--source ../shared/pinterest-api/openapi.yaml] [--out
 * emulator/spec/pinterest-v5.json]
 *
 * Output is deterministic (keys sorted, referenced components kept under their own names), so a
 * rerun
 * on the same source gives no diff, and trimming the trimmed file again gives the same file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

/** The operations the plugin and the emulator use. */
export const OPERATIONS: Readonly<Record<string, readonly string[]>> = {
  '/oauth/token': ['post'],
  '/oauth/token/revoke': ['post'],
  '/user_account': ['get'],
  '/user_account/analytics': ['get'],
  '/user_account/analytics/top_pins': ['get'],
  '/boards': ['get', 'post'],
  '/boards/{board_id}': ['get', 'patch', 'delete'],
  '/boards/{board_id}/sections': ['get', 'post'],
  '/boards/{board_id}/pins': ['get'],
  '/boards/{board_id}/sections/{section_id}/pins': ['get'],
  '/pins': ['get', 'post'],
  '/pins/{pin_id}': ['get', 'patch', 'delete'],
  '/pins/{pin_id}/save': ['post'],
  '/pins/{pin_id}/analytics': ['get'],
  '/pins/analytics': ['get'],
  '/media': ['get', 'post'],
  '/media/{media_id}': ['get'],
  // Pinterest SEO (server/src/seo): keyword suggestions and trends
  '/terms/suggested': ['get'],
  '/terms/related': ['get'],
  '/trends/keywords/{region}/top/{trend_type}': ['get'],
};

/** Keywords that are prose or tooling, never contract. */
const PROSE = new Set([
  'description',
  'summary',
  'example',
  'examples',
  'externalDocs',
  'tags',
  'title',
  'termsOfService',
  'contact',
]);
/** Vendor extensions that are contract. Every other `x-…` keyword is dropped. */
const KEPT_EXTENSIONS = new Set(['x-ratelimit-category', 'x-sandbox']);
/**
 * Keys whose object value is a map of names (property names, status codes, media types…), not
 * keywords.
 */
const NAME_MAPS = new Set([
  'properties',
  'paths',
  'responses',
  'content',
  'schemas',
  'parameters',
  'securitySchemes',
  'mapping',
  'headers',
  'encoding',
  'requestBodies',
]);

const isObject = (v: Json | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Drops prose, sorts keys. `names` is true when the object's keys are names rather than keywords.
 */
function strip(value: Json, names = false): Json {
  if (Array.isArray(value)) return value.map((v) => strip(v));
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const key of Object.keys(value).sort()) {
    const child = value[key];
    if (!names) {
      if (PROSE.has(key)) continue;
      if (key.startsWith('x-') && !KEPT_EXTENSIONS.has(key)) continue;
      if (key === 'scopes' && isObject(child)) {
        // the scope names are contract, their descriptions are prose
        out[key] = Object.fromEntries(
          Object.keys(child)
            .sort()
            .map((s) => [s, ''])
        );
        continue;
      }
    }
    out[key] = names ? strip(child) : strip(child, NAME_MAPS.has(key));
  }
  return out;
}

/** Every `$ref` and every discriminator mapping target (which are refs too). */
function collectRefs(value: Json, found: Set<string>, names = false) {
  if (Array.isArray(value)) value.forEach((v) => collectRefs(v, found));
  else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (!names && k === '$ref' && typeof v === 'string') found.add(v);
      else if (!names && k === 'mapping' && isObject(v))
        Object.values(v).forEach((t) => typeof t === 'string' && found.add(t));
      else collectRefs(v, found, !names && NAME_MAPS.has(k));
    }
  }
}

const resolvePointer = (doc: JsonObject, ref: string): Json | undefined =>
  ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<Json | undefined>(
      (node, part) =>
        isObject(node) ? node[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined,
      doc
    );

/** The trimmed document: a pure function of the source document (and the operations kept). */
export function trimSpec(
  doc: JsonObject,
  operations: Readonly<Record<string, readonly string[]>> = OPERATIONS
): JsonObject {
  const srcPaths = doc.paths;
  if (!isObject(srcPaths)) throw new Error('the source has no paths');
  const paths: JsonObject = {};
  for (const [p, methods] of Object.entries(operations)) {
    const item = srcPaths[p];
    if (!isObject(item)) throw new Error(`the spec has no path ${p}`);
    const kept: JsonObject = {};
    for (const m of methods) {
      if (!isObject(item[m])) throw new Error(`the spec has no ${m.toUpperCase()} ${p}`);
      kept[m] = item[m];
    }
    if (item.parameters) kept.parameters = item.parameters;
    paths[p] = kept;
  }

  // transitively keep every component a kept operation refers to
  const components: Record<string, JsonObject> = {};
  const pending = new Set<string>();
  collectRefs(paths, pending);
  const done = new Set<string>();
  while (pending.size) {
    const [ref] = pending;
    pending.delete(ref);
    if (done.has(ref)) continue;
    done.add(ref);
    const match = /^#\/components\/([^/]+)\/(.+)$/.exec(ref);
    if (!match) throw new Error(`unsupported $ref ${ref}`);
    const target = resolvePointer(doc, ref);
    if (target === undefined) throw new Error(`dangling $ref ${ref}`);
    (components[match[1]] ??= {})[match[2].replace(/~1/g, '/').replace(/~0/g, '~')] = target;
    collectRefs(target, pending);
  }
  const srcComponents = doc.components;
  if (!isObject(srcComponents) || !isObject(srcComponents.securitySchemes))
    throw new Error('the spec has no securitySchemes');
  components.securitySchemes = srcComponents.securitySchemes;

  const info = isObject(doc.info) ? doc.info : {};
  const license = isObject(info.license) ? info.license : {};
  return strip({
    openapi: doc.openapi ?? '3.0.3',
    info: { version: info.version ?? null, license: { name: license.name ?? null } },
    servers: doc.servers ?? [],
    paths,
    components,
  }) as JsonObject;
}

/** The bytes written: stable two-space JSON with a final newline. */
export const serialiseSpec = (spec: JsonObject) => `${JSON.stringify(spec, null, 1)}\n`;

export function readSource(file: string): JsonObject {
  const text = fs.readFileSync(file, 'utf8');
  return (
    file.endsWith('.json') ? JSON.parse(text) : parse(text, { maxAliasCount: -1 })
  ) as JsonObject;
}

function main() {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
  };
  const root = path.resolve(__dirname, '..');
  const source = path.resolve(root, arg('--source', '../shared/pinterest-api/openapi.yaml'));
  const out = path.resolve(root, arg('--out', 'emulator/spec/pinterest-v5.json'));
  const text = serialiseSpec(trimSpec(readSource(source)));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, text);
  const license = path.join(path.dirname(source), 'LICENSE');
  const licenseOut = path.join(path.dirname(out), 'LICENSE');
  if (fs.existsSync(license) && path.resolve(license) !== path.resolve(licenseOut)) {
    fs.rmSync(licenseOut, { force: true });
    fs.copyFileSync(license, licenseOut);
    fs.chmodSync(licenseOut, 0o644);
  }
  const spec = JSON.parse(text) as JsonObject;
  const ops = Object.values(OPERATIONS).reduce((n, m) => n + m.length, 0);
  const schemas = Object.keys((spec.components as Record<string, JsonObject>).schemas ?? {}).length;
  console.log(
    `wrote ${path.relative(root, out)}: ${ops} operations, ${schemas} schemas, ${(Buffer.byteLength(text) / 1024).toFixed(1)} KiB`
  );
}

if (require.main === module) main();
