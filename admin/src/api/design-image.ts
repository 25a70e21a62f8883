/**
 * The editor's design preview as an image: `POST /pinterest/designs/preview` answers JPEG bytes,
 * which Strapi's fetch client cannot read from a POST (it parses every POST answer as JSON). This
 * is the one plain `fetch` of the admin, with the admin's session token as the fetch client sends
 * it; a refusal becomes an `ApiError` with the server's own words, like every other call.
 */
import type { z } from 'zod';
import type { designPreviewInputSchema } from '../../../common/designs';
import { ApiError } from './api-error';

export type DesignPreviewRequest = z.input<typeof designPreviewInputSchema>;

const REQUEST = 'POST /pinterest/designs/preview';

/** Where the admin API is (`window.strapi.backendURL`, empty in tests and same-origin setups). */
export function backendUrl(): string {
  const strapi = (window as unknown as { strapi?: { backendURL?: unknown } }).strapi;
  return typeof strapi?.backendURL === 'string' ? strapi.backendURL : '';
}

export async function fetchDesignPreview(
  input: DesignPreviewRequest,
  { token, signal }: { token: string | null; signal?: AbortSignal }
): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(`${backendUrl()}/pinterest/designs/preview`, {
      method: 'POST',
      credentials: 'include',
      signal,
      headers: {
        'Content-Type': 'application/json',
        Accept: 'image/jpeg, application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(input),
    });
  } catch (e) {
    if (e instanceof Error && e.name === 'AbortError') throw e;
    throw new ApiError('http', e instanceof Error ? e.message : `${REQUEST} failed`, REQUEST);
  }
  if (!response.ok) {
    let serverMessage: string | null = null;
    try {
      const body = (await response.json()) as { error?: { message?: unknown } };
      if (typeof body.error?.message === 'string' && body.error.message)
        serverMessage = body.error.message;
    } catch {
      serverMessage = null;
    }
    throw new ApiError(
      'http',
      serverMessage ?? `${REQUEST} failed with status ${response.status}`,
      REQUEST,
      { serverMessage, status: response.status }
    );
  }
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('image/'))
    throw new ApiError('answer', `Unexpected answer to ${REQUEST}: ${type}`, REQUEST, {
      detail: `content-type: ${type || 'none'}`,
    });
  return response.blob();
}
