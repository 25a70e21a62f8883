/**
 * Content API routes (under /api/pinterest/…). Each needs a Strapi API token: full access, or
 * custom with the route's action (`plugin::pinterest.posts.create`, `.find`, `.findOne`,
 * `.delete`); a read-only token may read posts. A token sees and cancels only the posts it
 * created. The policy refuses the public role and users-permissions logins.
 */
// a fresh object per route: Strapi writes each route's auth scope into its config
const tokenOnly = () => ({ policies: ['plugin::pinterest.api-token-only'] });

export default {
  type: 'content-api',
  routes: [
    { method: 'POST', path: '/posts', handler: 'posts.create', config: tokenOnly() },
    { method: 'GET', path: '/posts', handler: 'posts.find', config: tokenOnly() },
    { method: 'GET', path: '/posts/:id', handler: 'posts.findOne', config: tokenOnly() },
    { method: 'DELETE', path: '/posts/:id', handler: 'posts.delete', config: tokenOnly() },
  ],
};
