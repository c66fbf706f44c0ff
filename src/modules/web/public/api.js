// The one way the pages reach data: the HTTP API under /api/v1, with the bearer token of the session.
import { getLang } from './i18n.js';

const BASE = '/api/v1';
// sessionStorage: the token ends with the browser tab, and is not shared with other tabs.
const TOKEN_KEY = 'concern-desk.token';

/**
 * An answer other than 2xx, carrying the API's problem details: `code` to branch on, `detail` the
 * message for people (in the reader's language), field errors.
 */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code ?? (status === 0 ? 'NETWORK' : `HTTP_${status}`);
    this.detail = typeof problem?.detail === 'string' ? problem.detail : '';
    this.errors = Array.isArray(problem?.errors) ? problem.errors : [];
    this.problem = problem ?? {};
  }
}

export const session = {
  get token() {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  start(token) {
    sessionStorage.setItem(TOKEN_KEY, token);
  },
  end() {
    sessionStorage.removeItem(TOKEN_KEY);
    referenceCache.clear();
  },
};

let sessionExpired = () => {};
/** Called when the API refuses the token (expired, user deactivated). */
export function onSessionExpired(handler) {
  sessionExpired = handler;
}

async function send(path, { method = 'GET', body, headers = {} } = {}) {
  // The API answers its messages (problem details, field errors) in the interface's language.
  const h = { accept: 'application/json, application/problem+json', 'accept-language': getLang() === 'en' ? 'en' : 'vi', ...headers };
  if (session.token) h.authorization = `Bearer ${session.token}`;
  // A FormData (a file upload) gets its multipart content type, with the boundary, from the browser.
  const isForm = body instanceof FormData;
  if (body !== undefined && !isForm) h['content-type'] = 'application/json';
  let res;
  try {
    res = await fetch(BASE + path, { method, headers: h, body: body === undefined ? undefined : isForm ? body : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, null);
  }
  if (!res.ok) {
    const problem = await res.json().catch(() => null);
    if (res.status === 401 && session.token) {
      session.end();
      sessionExpired();
    }
    throw new ApiError(res.status, problem);
  }
  return res;
}

function withQuery(path, query) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export async function get(path, query) {
  return (await send(withQuery(path, query))).json();
}

export async function post(path, body = {}, headers) {
  const res = await send(path, { method: 'POST', body, headers });
  return res.status === 204 ? null : res.json();
}

export async function patch(path, body = {}) {
  return (await send(path, { method: 'PATCH', body })).json();
}

export async function put(path, body = {}) {
  return (await send(path, { method: 'PUT', body })).json();
}

export async function del(path) {
  const res = await send(path, { method: 'DELETE' });
  return res.status === 204 ? null : res.json();
}

/** Sends one file (multipart/form-data, as the upload routes read it) with its text fields; answers the attachment. */
export async function upload(path, file, fields = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && v !== null && v !== '') form.append(k, v);
  form.append('file', file, file.name);
  return (await send(path, { method: 'POST', body: form })).json();
}

/** If-Match for a change to a case seen at `version`: a stale change answers 412 STALE_CASE. */
export function ifMatch(version) {
  return { 'if-match': `"${version}"` };
}

/** Fetches a file with the session's token and hands it to the browser as a download. */
export async function download(path, query, fallbackName) {
  const res = await send(withQuery(path, query), { headers: { accept: '*/*' } });
  const disposition = res.headers.get('content-disposition') ?? '';
  // filename* (RFC 5987, UTF-8) wins over the plain filename, wherever it stands.
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const name = encoded ? decodeURIComponent(encoded[1]) : plain ? plain[1] : fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

// Areas, categories and org units change rarely: load each once per session.
const referenceCache = new Map();
export function reference(name) {
  if (!referenceCache.has(name)) {
    const loading = get(`/${name}`).catch((e) => {
      referenceCache.delete(name);
      throw e;
    });
    referenceCache.set(name, loading);
  }
  return referenceCache.get(name);
}

/** Query parameter for endpoints that answer labels in the reader's language. */
export function langQuery() {
  return { lang: getLang() };
}
