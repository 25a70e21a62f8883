import { request, type FormData } from 'undici';

/** A small JSON (or multipart) client for a Strapi running in another process. */
export async function http(
  url: string,
  init: { method?: string; token?: string; body?: unknown; form?: FormData } = {}
) {
  const res = await request(url, {
    method: (init.method ?? 'GET') as 'GET',
    headers: {
      ...(init.token && { authorization: `Bearer ${init.token}` }),
      ...(init.body !== undefined && { 'content-type': 'application/json' }),
    },
    body: init.form ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, body: text ? JSON.parse(text) : null };
}
