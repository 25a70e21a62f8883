import type { Modules } from '@strapi/strapi';

export type DocumentMiddleware = Modules.Documents.Middleware.Middleware;
type DocumentContext = Modules.Documents.Middleware.Context;

/** What the plugin's Document Service middlewares read of a call (and may rewrite: `data`). */
export interface DocumentCall {
  uid: string;
  action: string;
  params?: {
    documentId?: string;
    locale?: string | string[];
    status?: string;
    data?: Record<string, unknown>;
  };
}

/** The call a middleware sees, through the few fields the plugin reads (same object). */
export const documentCall = (ctx: DocumentContext): DocumentCall => ctx;
