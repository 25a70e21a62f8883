import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::blog-article.blog-article');
