// Who may import whom (docs/architecture.md, "Imports"): each part's forbidden neighbours, enforced
// by ESLint's no-restricted-imports, one config object per folder. test/unit/import-rules.test.ts
// proves the rules bite.
//
// The patterns are regular expressions over the import string. A server folder's neighbours are
// reached as `../<folder>/…` (server/src/<part>/<file>.ts); `common/` is `../../../common/…`.
// ESLint does not merge a rule's options across config objects: a file gets the options of the
// last object that matches it, so every folder's list repeats the server-wide one.

/** All the server's folders under server/src. */
const SERVER_PARTS = [
  'analytics',
  'auth',
  'campaigns',
  'config',
  'content-types',
  'controllers',
  'errors',
  'mapping',
  'media',
  'middlewares',
  'net',
  'pins',
  'pinterest',
  'policies',
  'posts',
  'queue',
  'rate',
  'routes',
  'services',
  'settings',
  'utils',
];

/** The layers above the domain: what only bootstrap, destroy and the Strapi glue reach. */
const UPPER = ['services', 'controllers', 'middlewares', 'routes', 'policies'];

/** An import of one of these server folders (as a sibling of the importing folder). */
const folders = (names, message) => ({
  regex: `^\\.\\./(${names.join('|')})(/|$)`,
  message,
});
/** Every server folder but these. */
const allBut = (allowed) => SERVER_PARTS.filter((p) => !allowed.includes(p));

const STRAPI = { regex: '^@strapi/', message: 'this part knows nothing of Strapi' };
const HTTP = {
  regex: '^(undici|node:https?|https?)$',
  message: 'this part makes no HTTP call (the Pinterest client and safeFetch do)',
};
const NO_ADMIN = {
  regex: '^(\\.\\./)+admin(/|$)',
  message: 'the server never imports the admin panel (share through common/)',
};
/** Domain code gets its services injected; it never looks them up. */
const NO_GET_SERVICE = {
  regex: '(^|/)utils/get-service$',
  message: 'domain code receives what it needs from services/ (no getService lookups)',
};
const STORES = {
  regex: '-store$',
  message: 'stores are reached through a service (server/src/services), never directly',
};

/** The rules of one folder: the server-wide pattern plus the folder's own. */
const part = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [NO_ADMIN, ...patterns] }] },
});

const domain = (name, patterns) =>
  part(
    [`server/src/${name}/**/*.ts`],
    [
      folders(UPPER, `${name}/ is domain code: the services, controllers and middlewares use it`),
      NO_GET_SERVICE,
      ...patterns,
    ]
  );

export const importRules = [
  // the whole server (entry points, utils, content types): never the admin panel
  part(['server/**/*.ts'], []),

  // a typed error with a stable code, for every part: depends on nothing
  domain('errors', [STRAPI, HTTP, folders(allBut([]), 'errors/ is neutral: it imports no part')]),
  // the plugin's config: zod schemas, defaults from the environment
  domain('config', [STRAPI, HTTP, folders(allBut(['config']), 'config/ knows nothing else')]),
  // the Pinterest API v5 client: knows nothing of Strapi nor of what the plugin does with it
  domain('pinterest', [
    STRAPI,
    folders(allBut(['pinterest', 'errors']), 'pinterest/ is the API client alone'),
  ]),
  // entry → pin draft, pure: no HTTP, no database, no queue, no Pinterest client
  domain('mapping', [
    STRAPI,
    HTTP,
    folders(allBut(['mapping', 'config', 'errors']), 'mapping/ is pure: entry + mapping → draft'),
  ]),
  // the job table as a queue: knows nothing of Pinterest nor of what the jobs do
  domain('queue', [
    folders(
      ['pinterest', 'pins', 'posts', 'campaigns', 'analytics', 'mapping', 'media', 'auth', 'net'],
      'queue/ runs jobs without knowing what they do (or Pinterest)'
    ),
  ]),
  // safeFetch: knows nothing of Strapi nor Pinterest
  domain('net', [STRAPI, folders(allBut(['net', 'errors']), 'net/ knows nothing of the plugin')]),
  // rate-limit categories and the shared budget: knows nothing of pins
  domain('rate', [
    folders(
      ['pins', 'posts', 'campaigns', 'analytics', 'mapping', 'media', 'queue', 'auth'],
      'rate/ knows nothing of pins'
    ),
  ]),
  // video upload and media sources: knows nothing of Strapi
  domain('media', [
    STRAPI,
    folders(
      ['pins', 'posts', 'campaigns', 'analytics', 'queue', 'auth', 'settings', 'content-types'],
      'media/ turns a file into a media source; it knows nothing of jobs or entries'
    ),
  ]),
  // OAuth and the account: knows nothing of content
  domain('auth', [
    folders(
      ['pins', 'posts', 'campaigns', 'analytics', 'mapping', 'media'],
      'auth/ knows nothing of content'
    ),
  ]),
  domain('settings', [
    folders(
      ['pins', 'posts', 'campaigns', 'analytics', 'pinterest', 'queue'],
      'settings/ holds defaults only'
    ),
  ]),
  domain('pins', []),
  domain('posts', []),
  domain('analytics', []),
  domain('campaigns', []),

  // the admin API: validates input and calls services; never a store nor the queue
  part(
    ['server/src/controllers/**/*.ts', 'server/src/middlewares/**/*.ts'],
    [
      STORES,
      folders(['queue'], 'the queue is reached through the services that record jobs'),
      {
        regex: '^\\.\\./services(/|$)',
        message: 'reach a service with getService (server/src/utils/get-service.ts)',
      },
    ]
  ),

  // the admin panel talks to the server over HTTP only; common/ is shared by both
  {
    files: ['admin/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+server(/|$)',
              message: 'the admin never imports the server (share through common/)',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(server|admin)(/|$)',
              message: 'common/ is shared by server and admin: it imports neither',
            },
          ],
        },
      ],
    },
  },
];
