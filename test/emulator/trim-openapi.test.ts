/**
 * scripts/trim-openapi.ts: keeps the contract, drops the prose, deterministic; the committed spec
 * is its output.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  OPERATIONS,
  serialiseSpec,
  trimSpec,
  type Json,
  type JsonObject,
} from '../../scripts/trim-openapi';

const root = path.resolve(__dirname, '../..');
const committedFile = path.join(root, 'emulator/spec/pinterest-v5.json');
const committedText = fs.readFileSync(committedFile, 'utf8');
const committed = JSON.parse(committedText) as JsonObject;
const sourceFile = path.resolve(root, '../shared/pinterest-api/openapi.yaml');

/**
 * A small source document with prose, vendor extensions, a discriminator mapping and an unused
 * schema.
 */
const fixture = (): JsonObject => ({
  openapi: '3.0.3',
  info: {
    title: 'Pinterest REST API',
    version: '9.9.9',
    description: 'prose',
    license: { name: 'MIT', url: 'https://x' },
    contact: {},
  },
  servers: [{ url: 'https://api.pinterest.com/v5' }],
  paths: {
    '/pins': {
      post: {
        operationId: 'pins/create',
        summary: 'Create Pin',
        description: 'Long prose',
        tags: ['pins'],
        'x-codeSamples': [{ lang: 'sh', source: 'curl' }],
        'x-ratelimit-category': 'org_write',
        'x-sandbox': 'enabled',
        parameters: [{ $ref: '#/components/parameters/query_ad_account_id' }],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/PinCreate' } } },
        },
        responses: {
          '201': {
            description: 'ok',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/Pin' },
                examples: { A: { value: { id: '1' } } },
              },
            },
          },
        },
        security: [{ pinterest_oauth2: ['pins:write'] }],
      },
    },
    '/unused': { get: { operationId: 'unused/get', responses: {} } },
  },
  components: {
    parameters: {
      query_ad_account_id: {
        name: 'ad_account_id',
        in: 'query',
        required: false,
        description: 'prose',
        schema: { type: 'string', pattern: '^\\d+$', example: '1' },
      },
    },
    schemas: {
      PinCreate: {
        type: 'object',
        title: 'Pin create',
        properties: {
          title: { type: 'string', maxLength: 100, nullable: true, description: 'The title' },
          description: { type: 'string', maxLength: 800 },
          example: { type: 'string' },
          media_source: { $ref: '#/components/schemas/Source' },
        },
      },
      Source: {
        type: 'object',
        discriminator: {
          propertyName: 'source_type',
          mapping: { image_url: '#/components/schemas/SourceUrl' },
        },
        oneOf: [{ $ref: '#/components/schemas/SourceUrl' }],
      },
      SourceUrl: {
        type: 'object',
        required: ['source_type', 'url'],
        properties: {
          source_type: { type: 'string', enum: ['image_url'] },
          url: { type: 'string' },
        },
      },
      Pin: {
        type: 'object',
        required: ['id'],
        properties: { id: { type: 'string', pattern: '^\\d+$' } },
        externalDocs: { url: 'https://x' },
      },
      Unused: { type: 'object' },
    },
    securitySchemes: {
      pinterest_oauth2: {
        type: 'oauth2',
        flows: {
          authorizationCode: {
            authorizationUrl: 'https://www.pinterest.com/oauth/',
            tokenUrl: 'https://api.pinterest.com/v5/oauth/token',
            scopes: { 'pins:write': 'Create Pins' },
          },
        },
      },
    },
  },
});

/** The value at a path of object keys; undefined where the path leaves the document. */
function at(value: Json | undefined, ...keys: string[]): Json | undefined {
  let v = value;
  for (const k of keys) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    v = v[k];
  }
  return v;
}

/** The object at a path of object keys (a test failure when there is none). */
function objectAt(value: Json, ...keys: string[]): JsonObject {
  const v = at(value, ...keys);
  if (v === null || typeof v !== 'object' || Array.isArray(v))
    throw new Error(`no object at ${keys.join('.')}`);
  return v;
}

/** Every keyword key in a document (property names and other name maps excluded). */
function keywords(node: unknown, names = false, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => keywords(n, false, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (!names) out.add(k);
      keywords(
        v,
        !names &&
          [
            'properties',
            'paths',
            'responses',
            'content',
            'schemas',
            'parameters',
            'securitySchemes',
            'mapping',
            'scopes',
          ].includes(k),
        out
      );
    }
  }
  return out;
}

describe('trimSpec', () => {
  it('keeps the contract of the listed operations and what they reference, and drops prose', () => {
    const out = trimSpec(fixture(), { '/pins': ['post'] });
    expect(Object.keys(out.paths as JsonObject)).toEqual(['/pins']);
    const op = at(out, 'paths', '/pins', 'post');
    expect(op).toEqual({
      operationId: 'pins/create',
      parameters: [{ $ref: '#/components/parameters/query_ad_account_id' }],
      requestBody: {
        content: { 'application/json': { schema: { $ref: '#/components/schemas/PinCreate' } } },
        required: true,
      },
      responses: {
        '201': {
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Pin' } } },
        },
      },
      security: [{ pinterest_oauth2: ['pins:write'] }],
      'x-ratelimit-category': 'org_write',
      'x-sandbox': 'enabled',
    });
    const schemas = objectAt(out, 'components', 'schemas');
    expect(Object.keys(schemas)).toEqual(['Pin', 'PinCreate', 'Source', 'SourceUrl']);
    // property names that look like prose keywords are names, and stay
    expect(Object.keys(objectAt(schemas, 'PinCreate', 'properties'))).toEqual([
      'description',
      'example',
      'media_source',
      'title',
    ]);
    expect(at(schemas, 'PinCreate', 'properties', 'title')).toEqual({
      maxLength: 100,
      nullable: true,
      type: 'string',
    });
    expect(at(schemas, 'Source', 'discriminator')).toEqual({
      mapping: { image_url: '#/components/schemas/SourceUrl' },
      propertyName: 'source_type',
    });
    expect(at(out, 'components', 'parameters', 'query_ad_account_id')).toEqual({
      in: 'query',
      name: 'ad_account_id',
      required: false,
      schema: { pattern: '^\\d+$', type: 'string' },
    });
    const oauth = at(out, 'components', 'securitySchemes', 'pinterest_oauth2');
    expect(at(oauth, 'flows', 'authorizationCode', 'scopes')).toEqual({ 'pins:write': '' });
    expect(out.info).toEqual({ license: { name: 'MIT' }, version: '9.9.9' });
    const kw = keywords(out);
    for (const prose of [
      'summary',
      'description',
      'example',
      'examples',
      'externalDocs',
      'tags',
      'title',
      'x-codeSamples',
      'contact',
    ])
      expect(kw.has(prose)).toBe(false);
  });

  it('follows discriminator mappings that have no oneOf', () => {
    const doc = fixture();
    objectAt(doc, 'components', 'schemas').Source = {
      type: 'object',
      discriminator: {
        propertyName: 'source_type',
        mapping: { image_url: '#/components/schemas/SourceUrl' },
      },
    };
    expect(
      Object.keys(objectAt(trimSpec(doc, { '/pins': ['post'] }), 'components', 'schemas'))
    ).toContain('SourceUrl');
  });

  it('is deterministic: the same bytes whatever the key order of the source', () => {
    const reversed = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reversed)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reversed(x)])
            )
          : v;
    const a = serialiseSpec(trimSpec(fixture(), { '/pins': ['post'] }));
    const b = serialiseSpec(trimSpec(reversed(fixture()) as JsonObject, { '/pins': ['post'] }));
    expect(b).toBe(a);
    expect(serialiseSpec(trimSpec(fixture(), { '/pins': ['post'] }))).toBe(a);
  });

  it('names what is missing', () => {
    expect(() => trimSpec(fixture(), { '/boards': ['get'] })).toThrow(
      'the spec has no path /boards'
    );
    const dangling = fixture();
    delete objectAt(dangling, 'components', 'schemas').Pin;
    expect(() => trimSpec(dangling, { '/pins': ['post'] })).toThrow(
      'dangling $ref #/components/schemas/Pin'
    );
  });
});

describe('the committed emulator/spec/pinterest-v5.json', () => {
  it('is a fixed point of the trim: trimming it again gives the same bytes', () => {
    expect(serialiseSpec(trimSpec(committed))).toBe(committedText);
  });

  it('has every operation the project uses, with its contract', () => {
    const paths = committed.paths as Record<string, Record<string, JsonObject>>;
    for (const [p, methods] of Object.entries(OPERATIONS)) {
      for (const m of methods) {
        const op = paths[p]?.[m];
        expect({
          op: `${m} ${p}`,
          operationId: typeof op?.operationId,
          category: op?.['x-ratelimit-category'],
          sandbox: typeof op?.['x-sandbox'],
        }).toEqual({
          op: `${m} ${p}`,
          operationId: 'string',
          category: expect.stringMatching(/^(org_(read|write|analytics)|ads_read|trends_read)$/),
          sandbox: 'string',
        });
      }
    }
    expect(committed.info).toEqual({ license: { name: 'MIT' }, version: '5.23.0' });
    expect(at(committed, 'components', 'schemas', 'PinCreate', 'properties', 'title')).toEqual({
      maxLength: 100,
      nullable: true,
      type: 'string',
    });
    expect(
      at(committed, 'components', 'schemas', 'PinMediaSource', 'discriminator', 'propertyName')
    ).toBe('source_type');
    expect(fs.existsSync(path.join(root, 'emulator/spec/LICENSE'))).toBe(true);
    expect(committedText.length).toBeLessThan(150_000);
  });

  it('is what the script writes from ../shared/pinterest-api/openapi.yaml (or, in a clone without it, from itself)', () => {
    const source = fs.existsSync(sourceFile) ? sourceFile : committedFile;
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'trim-'));
    try {
      const run = spawnSync(
        process.execPath,
        [
          path.join(root, 'node_modules/tsx/dist/cli.mjs'),
          'scripts/trim-openapi.ts',
          '--source',
          source,
          '--out',
          path.join(out, 'spec.json'),
        ],
        {
          cwd: root,
          encoding: 'utf8',
        }
      );
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/^wrote .*spec\.json: 28 operations, \d+ schemas, [\d.]+ KiB\n$/);
      expect(fs.readFileSync(path.join(out, 'spec.json'), 'utf8')).toBe(committedText);
      expect(fs.readFileSync(path.join(out, 'LICENSE'), 'utf8')).toContain('Pinterest');
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 30_000);
});
