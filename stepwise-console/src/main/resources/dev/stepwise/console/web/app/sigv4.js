// @ts-check
// AWS Signature V4 in the browser, with WebCrypto: with `serve --auth sigv4` the console signs
// every request with the access key the person entered, so the server checks the console exactly
// as it checks an SDK (signature, then IAM). The key stays in this tab's sessionStorage only.

const enc = new TextEncoder();

/** @param {ArrayBuffer} buf */
const hex = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** @param {string|Uint8Array} data */
async function sha256(data) {
  return hex(await crypto.subtle.digest('SHA-256', typeof data === 'string' ? enc.encode(data) : data));
}

/** @param {ArrayBuffer|Uint8Array} key @param {string} data */
async function hmac(key, data) {
  const k = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return crypto.subtle.sign('HMAC', k, enc.encode(data));
}

/** SigV4's strict URI encoding: everything but unreserved characters. @param {string} s */
export function uriEncode(s) {
  return [...enc.encode(s)]
    .map((b) => {
      const c = String.fromCharCode(b);
      return /[A-Za-z0-9\-_.~]/.test(c) ? c : '%' + b.toString(16).toUpperCase().padStart(2, '0');
    })
    .join('');
}

/**
 * Headers that sign a request to this server.
 * @param {{accessKeyId: string, secretAccessKey: string}} key
 * @param {string} region
 * @param {{method: string, path: string, query: Record<string,string>, headers: Record<string,string>, body: string}} req
 * @param {Date} [now]
 * @returns {Promise<Record<string,string>>} headers to add (X-Amz-Date, Authorization)
 */
export async function sign(key, region, req, now = new Date()) {
  const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const headers = { ...lower(req.headers), host: location.host, 'x-amz-date': amzDate };
  const names = Object.keys(headers).sort();
  const query = Object.entries(req.query)
    .map(([k, v]) => [uriEncode(k), uriEncode(v)])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1))
    .map(([k, v]) => k + '=' + v)
    .join('&');
  const canonical = [
    req.method,
    req.path.split('/').map(uriEncode).join('/'),
    query,
    names.map((n) => n + ':' + String(headers[n]).trim().replace(/\s+/g, ' ') + '\n').join(''),
    names.join(';'),
    await sha256(req.body),
  ].join('\n');
  const scope = `${day}/${region}/states/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, await sha256(canonical)].join('\n');
  let k = await hmac(enc.encode('AWS4' + key.secretAccessKey), day);
  k = await hmac(k, region);
  k = await hmac(k, 'states');
  k = await hmac(k, 'aws4_request');
  const signature = hex(await hmac(k, toSign));
  return {
    'X-Amz-Date': amzDate,
    Authorization: `AWS4-HMAC-SHA256 Credential=${key.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
  };
}

/** @param {Record<string,string>} headers */
function lower(headers) {
  /** @type {Record<string,string>} */
  const out = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = v;
  return out;
}
