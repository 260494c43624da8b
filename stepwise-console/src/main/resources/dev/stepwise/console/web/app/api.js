// @ts-check
// The console's only way to the server: the Step Functions API (POST /, AWS JSON 1.0) for
// everything it has, and the console's small JSON API (/console/api/) for the graph and the state
// visits. Both go through the same authentication and IAM checks as any SDK.
import { sign } from './sigv4.js';

const KEY = 'stepwise.console.key';

/** @type {{region: string, account: string, auth: string}} */
export const info = { region: 'us-east-1', account: '', auth: 'none' };

/** An error the server answered, AWS-shaped. */
export class ApiError extends Error {
  /** @param {string} type @param {string} message @param {number} status */
  constructor(type, message, status) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

export async function loadInfo() {
  const r = await fetch('api/info', { headers: { Accept: 'application/json' } });
  Object.assign(info, await r.json());
}

/** @returns {{accessKeyId: string, secretAccessKey: string}|null} */
export function key() {
  const raw = sessionStorage.getItem(KEY);
  return raw ? JSON.parse(raw) : null;
}

/** @param {{accessKeyId: string, secretAccessKey: string}|null} k */
export function setKey(k) {
  if (k) sessionStorage.setItem(KEY, JSON.stringify(k));
  else sessionStorage.removeItem(KEY);
}

export function needsKey() {
  return info.auth === 'sigv4' && !key();
}

/**
 * @param {string} method @param {string} path @param {Record<string,string>} query
 * @param {Record<string,string>} headers @param {string} body
 */
async function send(method, path, query, headers, body) {
  const k = key();
  const all = { ...headers };
  if (info.auth === 'sigv4' && k) {
    Object.assign(all, await sign(k, info.region, { method, path, query, headers, body }));
  }
  const qs = new URLSearchParams(query).toString().replace(/\+/g, '%20');
  const r = await fetch(path + (qs ? '?' + qs : ''), {
    method,
    headers: all,
    body: method === 'GET' ? undefined : body,
    cache: 'no-store',
  });
  const text = await r.text();
  /** @type {any} */
  let json = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    throw new ApiError('InternalFailure', text.slice(0, 200), r.status);
  }
  if (!r.ok) {
    const type = String(json.__type || 'Error').replace(/^.*#/, '');
    throw new ApiError(type, json.message || json.Message || '', r.status);
  }
  return json;
}

/**
 * A Step Functions API operation.
 * @param {string} operation e.g. 'ListStateMachines'
 * @param {object} [body]
 * @param {Record<string,string>} [extraHeaders]
 */
export function sfn(operation, body = {}, extraHeaders = {}) {
  return send(
    'POST',
    '/',
    {},
    {
      'Content-Type': 'application/x-amz-json-1.0',
      'X-Amz-Target': 'AWSStepFunctions.' + operation,
      ...extraHeaders,
    },
    JSON.stringify(body),
  );
}

/**
 * The console's JSON API.
 * @param {string} name e.g. 'graph' @param {Record<string,string>} query
 */
export function consoleApi(name, query) {
  return send('GET', '/console/api/' + name, query, {}, '');
}

/** Every page of a paged operation, up to `limit` items. */
export async function all(operation, body, field, limit = 1000) {
  let items = [];
  let token;
  do {
    const page = await sfn(operation, { ...body, ...(token ? { nextToken: token } : {}) });
    items = items.concat(page[field] || []);
    token = page.nextToken;
  } while (token && items.length < limit);
  return items;
}
