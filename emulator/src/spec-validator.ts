/**
 * Request and response validation against the trimmed Pinterest spec: finds the operation for a
 * method and path, checks path and query parameters (types, enums, limits, patterns, comma lists)
 * and the body (per content type), and answers Pinterest's `Invalid request: <field> <rule>`.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { bodyToCheck } from './spec-exceptions';
import { compileAt, pointerSegment, resolveRef, spec, type JsonObject } from './spec-schemas';

interface ParamDef {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: JsonObject;
  validate: ValidateFunction;
}

export interface Operation {
  operationId: string;
  method: string;
  /** The spec's path template, e.g. `/pins/{pin_id}`. */
  template: string;
  pattern: RegExp;
  pathParams: string[];
  params: ParamDef[];
  bodies: Record<string, ValidateFunction>;
  bodyRequired: boolean;
  responses: Record<string, ValidateFunction | null>;
  /** `org_read`, `org_write` or `org_analytics`. */
  category: string;
  /** OAuth scopes the operation needs; empty for Basic-auth operations. */
  scopes: string[];
  basicAuth: boolean;
  sandbox: string;
}

export type Validation =
  | { ok: true; path: Record<string, string>; query: Record<string, unknown>; body: unknown }
  | { ok: false; message: string };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function buildOperations(): Operation[] {
  const ops: Operation[] = [];
  for (const [template, rawItem] of Object.entries(spec.paths as Record<string, JsonObject>)) {
    const base = `#/paths/${pointerSegment(template)}`;
    for (const method of METHODS) {
      const op = rawItem[method] as JsonObject | undefined;
      if (!op) continue;
      const pathParams: string[] = [];
      const pattern = new RegExp(
        `^/v5${template.replace(/[.]/g, '\\.').replace(/\{(\w+)\}/g, (_m, name: string) => {
          pathParams.push(name);
          return '([^/]+)';
        })}/?$`
      );
      const paramSources: Array<[unknown, string]> = [
        ...((rawItem.parameters as unknown[]) ?? []).map((p, i): [unknown, string] => [
          p,
          `${base}/parameters/${i}`,
        ]),
        ...((op.parameters as unknown[]) ?? []).map((p, i): [unknown, string] => [
          p,
          `${base}/${method}/parameters/${i}`,
        ]),
      ];
      const params = paramSources.map(([p, pointer]) => {
        const ref = (p as JsonObject).$ref;
        const def = resolveRef<JsonObject>(p);
        return {
          name: def.name as string,
          in: def.in as ParamDef['in'],
          required: Boolean(def.required),
          schema: def.schema as JsonObject,
          validate: compileAt(`${typeof ref === 'string' ? ref : pointer}/schema`),
        };
      });
      const bodies: Record<string, ValidateFunction> = {};
      const rb = op.requestBody as JsonObject | undefined;
      const rbPointer = typeof rb?.$ref === 'string' ? rb.$ref : `${base}/${method}/requestBody`;
      const requestBody = rb ? resolveRef<JsonObject>(rb) : null;
      for (const type of Object.keys((requestBody?.content as JsonObject) ?? {})) {
        bodies[type] = compileAt(`${rbPointer}/content/${pointerSegment(type)}/schema`);
      }
      const responses: Record<string, ValidateFunction | null> = {};
      for (const [status, raw] of Object.entries((op.responses as JsonObject) ?? {})) {
        const content = resolveRef<JsonObject>(raw).content as JsonObject | undefined;
        responses[status] = content?.['application/json']
          ? compileAt(`${base}/${method}/responses/${status}/content/application~1json/schema`)
          : null;
      }
      const security = (op.security as Array<Record<string, string[]>>) ?? [];
      ops.push({
        operationId: op.operationId as string,
        method: method.toUpperCase(),
        template,
        pattern,
        pathParams,
        params,
        bodies,
        bodyRequired: Boolean(requestBody?.required),
        responses,
        category: (op['x-ratelimit-category'] as string) ?? 'org_read',
        scopes: security.find((s) => s.pinterest_oauth2)?.pinterest_oauth2 ?? [],
        basicAuth: security.some((s) => 'basic' in s),
        sandbox: (op['x-sandbox'] as string) ?? 'enabled',
      });
    }
  }
  // literal segments win over parameters: /pins/analytics before /pins/{pin_id}
  return ops.sort(
    (a, b) => a.pathParams.length - b.pathParams.length || a.template.localeCompare(b.template)
  );
}

export const operations: readonly Operation[] = buildOperations();

export function findOperation(
  method: string,
  pathname: string
): { op: Operation; match: RegExpExecArray } | { op: null; methodMismatch: boolean } {
  let methodMismatch = false;
  for (const op of operations) {
    const match = op.pattern.exec(pathname);
    if (!match) continue;
    if (op.method === method) return { op, match };
    methodMismatch = true;
  }
  return { op: null, methodMismatch };
}

const joinPath = (where: string, field: string) => (where ? `${where}.${field}` : field);

function allowedValues(schema: unknown): string[] {
  const s = resolveRef<JsonObject>(schema);
  if (Array.isArray(s.enum)) return s.enum.map(String);
  if (Array.isArray(s.allOf)) return s.allOf.flatMap(allowedValues);
  return [];
}

/** Ajv's first error, in Pinterest's words: `<field path> <rule>`. */
export function describeError(where: string, e: ErrorObject): string {
  const at = e.instancePath
    .split('/')
    .filter(Boolean)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : joinPath(acc, seg)), where);
  switch (e.keyword) {
    case 'required':
      return `${joinPath(at, (e.params as { missingProperty: string }).missingProperty)} is required`;
    case 'enum':
      return `${at || 'value'} must be equal to one of the allowed values: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
    case 'discriminator': {
      const { tag, tagValue } = e.params as { tag: string; tagValue: unknown };
      const field = joinPath(at, tag);
      if (tagValue === undefined) return `${field} is required`;
      if (typeof tagValue !== 'string') return `${field} must be string`;
      const branches = (e.parentSchema?.oneOf as unknown[]) ?? [];
      const values = branches.flatMap((b) =>
        allowedValues((resolveRef<JsonObject>(b).properties as JsonObject | undefined)?.[tag])
      );
      return `${field} must be equal to one of the allowed values${values.length ? `: ${values.join(', ')}` : ''}`;
    }
    case 'additionalProperties':
      return `${joinPath(at, (e.params as { additionalProperty: string }).additionalProperty)} is not allowed`;
    default:
      return `${at || 'body'} ${e.message ?? 'is invalid'}`;
  }
}

/**
 * Query strings carry text: read numbers, booleans and comma lists as the parameter's schema says.
 */
function coerce(raw: string[], schema: JsonObject): unknown {
  const s = resolveRef<JsonObject>(schema);
  if (s.type === 'array') {
    const items = raw.flatMap((v) => v.split(',')).filter((v) => v !== '');
    return items.map((v) => coerce([v], (s.items as JsonObject) ?? {}));
  }
  const value = raw[raw.length - 1];
  if (s.type === 'integer' || s.type === 'number') {
    const n = Number(value);
    return value.trim() === '' || Number.isNaN(n) ? value : n;
  }
  if (s.type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

/** Validates a request against the operation's parameters and body schema, as Pinterest would. */
export function validateRequest(
  op: Operation,
  match: RegExpExecArray,
  url: URL,
  contentType: string | undefined,
  body: unknown
): Validation {
  const path: Record<string, string> = {};
  op.pathParams.forEach((name, i) => {
    let value = match[i + 1];
    try {
      value = decodeURIComponent(value);
    } catch {
      // keep it raw: the pattern check below names it
    }
    path[name] = value;
  });
  const query: Record<string, unknown> = {};
  for (const p of op.params) {
    let value: unknown;
    if (p.in === 'path') value = path[p.name];
    else if (p.in === 'query') {
      const all = [...url.searchParams.getAll(p.name), ...url.searchParams.getAll(`${p.name}[]`)];
      if (all.length === 0) {
        if (p.required) return { ok: false, message: `Invalid request: ${p.name} is required` };
        continue;
      }
      value = coerce(all, p.schema);
      query[p.name] = value;
    } else continue;
    if (!p.validate(value))
      return {
        ok: false,
        message: `Invalid request: ${describeError(p.name, p.validate.errors![0])}`,
      };
  }
  const types = Object.keys(op.bodies);
  if (types.length) {
    const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
    if (body === undefined) {
      if (op.bodyRequired) return { ok: false, message: 'Invalid request: body is required' };
    } else {
      const validate = op.bodies[type];
      if (!validate)
        return {
          ok: false,
          message: `Invalid request: Content-Type must be ${types.join(' or ')}`,
        };
      if (!validate(body))
        return { ok: false, message: `Invalid request: ${describeError('', validate.errors![0])}` };
    }
  }
  return { ok: true, path, query, body };
}

/**
 * Checks an answer against the operation's response schema (the status's own, or `default` for an
 * error status the spec does not list); returns the problem, or null when it fits. A success status
 * the spec does not list is itself a problem. The exceptions in spec-exceptions.ts apply.
 */
export function checkResponse(op: Operation, status: number, body: unknown): string | null {
  const key = String(status);
  const success = status >= 200 && status < 300;
  if (success && !(key in op.responses))
    return `status ${status} is not a documented answer of ${op.operationId}`;
  const validate = key in op.responses ? op.responses[key] : op.responses.default;
  if (validate === undefined)
    return `status ${status} is not a documented answer of ${op.operationId}`;
  if (validate === null) return null;
  if (body === undefined)
    return success ? `the body is missing (${op.operationId} ${status})` : null;
  return validate(bodyToCheck(op.operationId, status, body))
    ? null
    : `${describeError('', validate.errors![0])} (${op.operationId} ${status})`;
}
