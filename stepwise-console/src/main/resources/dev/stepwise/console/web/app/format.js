// @ts-check
// Dates, durations and statuses as the console writes them.

/** AWS dates are epoch seconds (fractions allowed). @param {number|undefined} epoch */
export function date(epoch) {
  if (epoch === undefined || epoch === null) return '–';
  const d = new Date(epoch * 1000);
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

/** @param {number} ms */
export function duration(ms) {
  if (!(ms >= 0)) return '–';
  if (ms < 1000) return ms + ' ms';
  const s = ms / 1000;
  if (s < 60) return s.toFixed(s < 10 ? 3 : 1).replace(/\.?0+$/, '') + ' s';
  const m = Math.floor(s / 60);
  if (m < 60) return m + ' min ' + Math.round(s % 60) + ' s';
  return Math.floor(m / 60) + ' h ' + (m % 60) + ' min';
}

/** Seconds between two epoch-second dates (or start and now). */
export function between(start, stop) {
  return duration(Math.round(((stop ?? Date.now() / 1000) - start) * 1000));
}

/** Execution statuses and state-visit statuses, each with its words. */
export const STATUS_TEXT = {
  RUNNING: 'Running',
  SUCCEEDED: 'Succeeded',
  FAILED: 'Failed',
  TIMED_OUT: 'Timed out',
  ABORTED: 'Aborted',
  PENDING_REDRIVE: 'Pending redrive',
  IN_PROGRESS: 'In progress',
  CAUGHT_ERROR: 'Caught error',
  NOT_STARTED: 'Not started',
};

/** @param {string} status */
export function statusText(status) {
  return STATUS_TEXT[status] || status;
}

/** The execution ARN's name part. @param {string} arn */
export function arnName(arn) {
  return arn.slice(arn.lastIndexOf(':') + 1);
}

/** The state machine ARN an execution ARN belongs to. @param {string} executionArn */
export function machineOf(executionArn) {
  const parts = executionArn.split(':');
  return [...parts.slice(0, 5), 'stateMachine', parts[6]].join(':');
}

/** The parent an execution's input names, AWS's nested-workflow association. @param {string} input */
export function startedBy(input) {
  try {
    const v = JSON.parse(input);
    const p = v && typeof v === 'object' ? v.AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID : null;
    return typeof p === 'string' ? p : null;
  } catch {
    return null;
  }
}

/** @param {string} text */
export function pretty(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
