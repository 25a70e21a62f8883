import analytics from './analytics';
import campaigns from './campaigns';
import connection from './connection';
import contentTypes from './content-types';
import designs from './designs';
import editor from './editor';
import links from './links';
import pins from './pins';
import posts from './posts';
import seo from './seo';

export default {
  pins,
  connection,
  'content-types': contentTypes,
  editor,
  posts,
  analytics,
  links,
  campaigns,
  designs,
  seo,
};
