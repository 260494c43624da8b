// @ts-check
// With `serve --auth sigv4`: the person enters an access key of the security file. It is kept in
// this tab's sessionStorage only (gone when the tab closes), and every request is signed with it
// in the browser, so the server checks the console's calls exactly as an SDK's.
import { h, replace } from '../dom.js';
import { setKey, info } from '../api.js';

/** @param {HTMLElement} main @param {() => void} done */
export function signInPage(main, done) {
  const id = h('input', { name: 'accessKeyId', autocomplete: 'username', required: true, spellcheck: 'false' });
  const secret = h('input', { name: 'secretAccessKey', type: 'password', autocomplete: 'current-password', required: true });
  const form = h('form', { class: 'card sign-in', dataset: { signIn: '' } },
    h('h1', null, 'Sign in'),
    h('p', null, 'This server requires AWS Signature V4 (region ', h('code', null, info.region),
      '). Enter an access key from its security file. The key stays in this browser tab only and signs each request here; the server checks every call against the key\u2019s IAM policies.'),
    h('label', null, 'Access key ID', id),
    h('label', null, 'Secret access key', secret),
    h('button', { type: 'submit' }, 'Sign in'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    setKey({ accessKeyId: /** @type {HTMLInputElement} */ (id).value.trim(), secretAccessKey: /** @type {HTMLInputElement} */ (secret).value });
    done();
  });
  replace(main, form);
  if (!window.isSecureContext) {
    form.append(h('p', { class: 'warn' }, 'This page is not a secure context (not localhost, not HTTPS): the browser offers no WebCrypto, so requests cannot be signed. Use http://127.0.0.1 or HTTPS.'));
  }
  document.body.dataset.ready = 'true';
}
