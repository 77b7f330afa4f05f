// The only way the app talks to the server: JSON over /api/v1, errors as ApiError with the server's stable code,
// and the session's CSRF token sent with every write.

/** A field the server named in a refusal (`details.issues`), e.g. `{ path: 'body.reason', message: ... }`. */
export interface Issue {
  readonly path: string;
  readonly message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: readonly Issue[] = [],
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;

/** The session's CSRF token (from POST or GET /session), sent as `x-csrf-token` on writes; null signs out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Query = Record<string, string | number | undefined | null>;

/** `/api/v1{path}?{query}` without the empty parameters. */
export function apiUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const search = params.toString();
  return `/api/v1${path}${search ? `?${search}` : ''}`;
}

async function request<T>(method: string, url: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const form = body instanceof FormData;
  // A form's content type (multipart, with its boundary) is set by the browser.
  if (body !== undefined && !form) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== null) headers['x-csrf-token'] = csrfToken;
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (body !== undefined) init.body = form ? body : JSON.stringify(body);
  if (signal) init.signal = signal;
  const response = await fetch(url, init);
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (
      payload as { error?: { code?: string; message?: string; details?: { issues?: Issue[] } } } | null
    )?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'HTTP_ERROR',
      error?.message ?? response.statusText,
      error?.details?.issues ?? [],
    );
  }
  return payload as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    request<T>('GET', apiUrl(path, query), undefined, signal),
  post: <T>(path: string, body: unknown, signal?: AbortSignal) =>
    request<T>('POST', apiUrl(path), body, signal),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', apiUrl(path), body),
  /** A multipart form (a file upload), sent with the CSRF token like every write. */
  upload: <T>(path: string, form: FormData) => request<T>('POST', apiUrl(path), form),
  delete: <T>(path: string) => request<T>('DELETE', apiUrl(path)),
};
