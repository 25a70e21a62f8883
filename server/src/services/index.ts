import type { Core } from '@strapi/strapi';
import { createRuntime } from './runtime';

export default {
  runtime: ({ strapi }: { strapi: Core.Strapi }) => createRuntime(strapi),
};
