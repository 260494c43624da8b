// @ts-check
// The Start execution dialog: an optional name and a JSON input, checked as it is typed.
import { h } from './dom.js';
import { sfn } from './api.js';
import { executionHref, showError } from './ui.js';

/**
 * @param {string} stateMachineArn a state machine, version or alias ARN
 * @param {string} [input] the input to start with
 */
export function openStartDialog(stateMachineArn, input = '{}') {
  const name = h('input', { name: 'name', placeholder: 'generated when empty', spellcheck: 'false', maxlength: 80 });
  const text = h('textarea', { name: 'input', rows: 12, spellcheck: 'false', value: input });
  const problem = h('p', { class: 'input-problem', dataset: { inputProblem: '' }, 'aria-live': 'polite' });
  const start = h('button', { type: 'submit', dataset: { startSubmit: '' } }, 'Start execution');
  const check = () => {
    try {
      JSON.parse(/** @type {HTMLTextAreaElement} */ (text).value);
      problem.textContent = '';
      /** @type {HTMLButtonElement} */ (start).disabled = false;
      return true;
    } catch (e) {
      problem.textContent = 'Not JSON: ' + (e instanceof Error ? e.message : String(e));
      /** @type {HTMLButtonElement} */ (start).disabled = true;
      return false;
    }
  };
  text.addEventListener('input', check);
  const form = h('form', { method: 'dialog' },
    h('h2', null, 'Start execution'),
    h('p', { class: 'muted' }, stateMachineArn),
    h('label', null, 'Name', name),
    h('label', null, 'Input (JSON)', text),
    problem,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() }, 'Cancel'),
      start));
  const dialog = /** @type {HTMLDialogElement} */ (h('dialog', { class: 'dialog', dataset: { startDialog: '' } }, form));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!check()) return;
    const body = { stateMachineArn, input: /** @type {HTMLTextAreaElement} */ (text).value };
    const n = /** @type {HTMLInputElement} */ (name).value.trim();
    if (n) body.name = n;
    try {
      const r = await sfn('StartExecution', body);
      dialog.close();
      location.hash = executionHref(r.executionArn);
    } catch (e) {
      problem.textContent = (e.type ? e.type + ': ' : '') + e.message;
    }
  });
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  check();
  dialog.showModal();
  return dialog;
}

/** Starts the same machine (version, alias) again with the same input, and opens the new one. */
export async function runAgain(describe) {
  try {
    const arn = describe.stateMachineAliasArn || describe.stateMachineVersionArn || describe.stateMachineArn;
    const r = await sfn('StartExecution', { stateMachineArn: arn, input: describe.input });
    location.hash = executionHref(r.executionArn);
  } catch (e) {
    showError(e);
  }
}
