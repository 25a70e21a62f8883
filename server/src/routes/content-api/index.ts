/** Content API routes (under /api/pinterest/…). The posts API arrives with its own issue. */
export default {
  type: 'content-api',
  routes: [],
};
