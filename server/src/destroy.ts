import type { Core } from '@strapi/strapi';
import { getService } from './utils/get-service';

const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  // Stop claiming jobs and let the one in hand finish (its lease covers a crash instead).
  await getService(strapi, 'analytics').stop();
  await getService(strapi, 'queue').stop();
};

export default destroy;
