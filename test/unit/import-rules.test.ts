/**
 * The import rules of docs/architecture.md ("Imports"), written in scripts/lint/import-rules.mjs,
 * really bite: ESLint, with the repository's own config, reports a forbidden import in a folder and
 * lets an allowed one through. Each case is linted as if it were a file of that folder.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

interface Case {
  file: string;
  from: string;
}

// ESLint loads the flat config (an ES module) with import(), which jest's CommonJS runtime cannot
// do: the linting runs in a child Node process. Type-aware rules are switched off (the cases are
// not files of a TypeScript project); no-restricted-imports needs no types.
const LINT = `
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
const cases = JSON.parse(process.argv[1]);
const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: [tseslint.configs.disableTypeChecked] });
const out = [];
for (const c of cases) {
  const [result] = await eslint.lintText(
    "import { thing } from '" + c.from + "';\\nexport const used = thing;\\n",
    { filePath: path.join(process.cwd(), c.file) }
  );
  out.push(result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message));
}
process.stdout.write(JSON.stringify(out));
`;

/** The no-restricted-imports messages of each case, in order. */
function lint(cases: Case[]): string[][] {
  const stdout = execFileSync(
    process.execPath,
    ['--input-type=module', '-e', LINT, JSON.stringify(cases)],
    { cwd: root, encoding: 'utf8' }
  );
  return JSON.parse(stdout) as string[][];
}

const forbidden: Array<Case & { says: RegExp }> = [
  { file: 'server/src/mapping/example.ts', from: '../pinterest/client', says: /pure/ },
  { file: 'server/src/mapping/example.ts', from: '@strapi/strapi', says: /Strapi/ },
  { file: 'server/src/mapping/example.ts', from: 'undici', says: /HTTP/ },
  { file: 'server/src/mapping/example.ts', from: '../queue/job-store', says: /pure/ },
  { file: 'server/src/queue/example.ts', from: '../pinterest/client', says: /Pinterest/ },
  { file: 'server/src/pinterest/example.ts', from: '@strapi/utils', says: /Strapi/ },
  { file: 'server/src/pinterest/example.ts', from: '../queue/worker', says: /API client/ },
  { file: 'server/src/net/example.ts', from: '@strapi/strapi', says: /Strapi/ },
  { file: 'server/src/net/example.ts', from: '../pinterest/schemas', says: /plugin/ },
  { file: 'server/src/errors/example.ts', from: '../pinterest/client', says: /neutral/ },
  { file: 'server/src/rate/example.ts', from: '../pins/job-keys', says: /pins/ },
  { file: 'server/src/media/example.ts', from: '@strapi/strapi', says: /Strapi/ },
  { file: 'server/src/auth/example.ts', from: '../pins/pin-record-store', says: /content/ },
  { file: 'server/src/pins/example.ts', from: '../services/wiring', says: /domain/ },
  { file: 'server/src/analytics/example.ts', from: '../utils/get-service', says: /getService/ },
  { file: 'server/src/controllers/example.ts', from: '../queue/job-store', says: /store/ },
  { file: 'server/src/controllers/example.ts', from: '../pins/pin-record-store', says: /store/ },
  { file: 'server/src/controllers/example.ts', from: '../services/core', says: /getService/ },
  { file: 'server/src/middlewares/example.ts', from: '../queue/worker', says: /queue/ },
  { file: 'server/src/pins/example.ts', from: '../../../admin/src/pluginId', says: /admin/ },
  { file: 'server/src/example.ts', from: '../../admin/src/pluginId', says: /admin/ },
  { file: 'admin/src/example.ts', from: '../../server/src/pinterest/client', says: /server/ },
  { file: 'common/example.ts', from: '../server/src/errors/pin-error', says: /neither/ },
];

const allowed: Case[] = [
  { file: 'server/src/mapping/example.ts', from: './text' },
  { file: 'server/src/mapping/example.ts', from: '../errors/pin-error' },
  { file: 'server/src/mapping/example.ts', from: '../config/schema' },
  { file: 'server/src/queue/example.ts', from: '../errors/pin-error' },
  { file: 'server/src/queue/example.ts', from: '@strapi/strapi' },
  { file: 'server/src/pinterest/example.ts', from: 'undici' },
  { file: 'server/src/media/example.ts', from: '../pinterest/client' },
  { file: 'server/src/pins/example.ts', from: '../queue/job-store' },
  { file: 'server/src/controllers/example.ts', from: '../utils/get-service' },
  { file: 'server/src/controllers/example.ts', from: '../pins/job-keys' },
  { file: 'server/src/services/example.ts', from: '../queue/job-store' },
  { file: 'admin/src/example.ts', from: '../../common/wire' },
  { file: 'common/example.ts', from: 'zod' },
];

describe('import rules (scripts/lint/import-rules.mjs)', () => {
  let results: string[][];
  beforeAll(() => {
    results = lint([...forbidden, ...allowed]);
  }, 120_000);

  it.each(forbidden.map((c, i) => [c.file, c.from, c.says, i] as const))(
    'refuses %s importing %s',
    (_file, _from, says, i) => {
      expect(results[i]).toContainEqual(expect.stringMatching(says));
    }
  );

  it.each(allowed.map((c, i) => [c.file, c.from, forbidden.length + i] as const))(
    'lets %s import %s',
    (_file, _from, i) => {
      expect(results[i]).toEqual([]);
    }
  );
});
