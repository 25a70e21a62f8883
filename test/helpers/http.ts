import { FormData, request } from 'undici';
import { SUPER_ADMIN } from './admin';
import { makeImage } from './images';

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

/**
 * On a fresh Strapi in another process: registers the first admin and makes a full-access API
 * token with it (each step must succeed).
 */
export async function adminAndApiToken(
  url: string,
  name: string
): Promise<{ jwt: string; apiToken: string }> {
  const reg = await http(`${url}/admin/register-admin`, { method: 'POST', body: SUPER_ADMIN });
  if (reg.status !== 200) throw new Error(`register-admin answered ${reg.status}`);
  const jwt = reg.body.data.token as string;
  const token = await http(`${url}/admin/api-tokens`, {
    method: 'POST',
    token: jwt,
    body: { name, type: 'full-access', lifespan: null, description: '' },
  });
  if (token.status !== 201) throw new Error(`api-tokens answered ${token.status}`);
  return { jwt, apiToken: token.body.data.accessKey as string };
}

/** Uploads a generated 600×900 image through the Content API and returns its file id. */
export async function uploadImageOverHttp(
  url: string,
  apiToken: string,
  name: string,
  format: 'jpeg' | 'png' = 'jpeg'
): Promise<number> {
  const form = new FormData();
  form.append(
    'files',
    new Blob([new Uint8Array(await makeImage(600, 900, format))], { type: `image/${format}` }),
    `${name}.${format === 'jpeg' ? 'jpg' : 'png'}`
  );
  const upload = await http(`${url}/api/upload`, { method: 'POST', token: apiToken, form });
  if (upload.status !== 201) throw new Error(`upload answered ${upload.status}`);
  return upload.body[0].id as number;
}
