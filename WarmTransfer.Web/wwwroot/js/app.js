// The agent console: signs in, follows the agent's live updates, runs the browser phone and the call controls.
import { api, ApiError, useCsrfToken } from './api.js';
import { follow } from './live.js';
import { Phone } from './phone.js';
import { callModel, render, renderTimer } from './render.js';

const AGENT_ID = /^[A-Za-z0-9_]{1,121}$/;
const NOTICE_LIFETIME_MS = 20000;

const state = {
  agentId: null,
  agent: null,
  conference: null,
  roster: new Map(),
  notices: [],
  live: 'connecting',
  chosen: 'available',
  busy: false,
};

let phone = new Phone({ fetchToken: () => Promise.reject(new Error('Not signed in.')), onChange: draw, onError: error });
let stream = null;
let nextNoticeId = 1;
let restoring = false;
let pending = Promise.resolve();

function draw() {
  render(state, phone);
}

function notify(text, kind = 'info') {
  const notice = { id: nextNoticeId++, text, kind };
  state.notices = [...state.notices, notice].slice(-5);
  if (kind === 'info') {
    setTimeout(() => dismiss(notice.id), NOTICE_LIFETIME_MS);
  }
  draw();
}

function error(text) {
  notify(text, 'error');
}

function dismiss(id) {
  state.notices = state.notices.filter(notice => notice.id !== id);
  draw();
}

async function boot() {
  try {
    const session = await api.session();
    useCsrfToken(session.csrfToken);
    if (session.signedIn) {
      await startConsole(session.agentId);
    } else {
      showSignIn();
    }
  } catch (problem) {
    showSignIn(problem.message);
  }
}

function showSignIn(message = '') {
  state.agentId = null;
  document.getElementById('sign-in-error').textContent = message;
  draw();
  document.getElementById('agent-id').focus();
}

async function signIn(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const agentId = form.agentId.value.trim();
  const message = document.getElementById('sign-in-error');
  if (!AGENT_ID.test(agentId)) {
    message.textContent = 'Agent ids use letters, digits and underscores only (at most 121).';
    form.agentId.focus();
    return;
  }
  try {
    const session = await api.signIn(agentId, form.password.value);
    useCsrfToken(session.csrfToken);
    form.reset();
    message.textContent = '';
    await startConsole(session.agentId);
  } catch (problem) {
    message.textContent = problem.message;
    form.password.focus();
  }
}

async function startConsole(agentId) {
  Object.assign(state, { agentId, agent: null, conference: null, roster: new Map(), notices: [], live: 'connecting', chosen: 'available' });
  draw();
  stream = follow(api.eventsUrl(agentId), { onStatus, onEvent, canRetry: stillSignedIn });
  phone = new Phone({ fetchToken: () => api.token(agentId), onChange: draw, onError: error });
  try {
    await phone.start();
  } catch (problem) {
    handleFailure(problem, 'The phone could not start');
  }
}

async function signOut() {
  stream?.stop();
  phone.stop();
  try {
    await api.signOut();
  } catch {
    // Signed out already, or the server is away; either way the session ends here.
  }
  const session = await api.session().catch(() => null);
  if (session) {
    useCsrfToken(session.csrfToken);
  }
  showSignIn();
}

/** The session ended elsewhere (signed out in another tab, or the cookie expired). */
function sessionEnded() {
  stream?.stop();
  phone.stop();
  showSignIn('Your session ended. Please sign in again.');
}

async function stillSignedIn() {
  const session = await api.session().catch(() => null);
  if (session && !session.signedIn) {
    sessionEnded();
    return false;
  }
  return true;
}

function onStatus(live) {
  state.live = live;
  draw();
}

function onEvent(type, payload) {
  if (type === 'agent') {
    state.agent = payload.agent;
    // The agent grain sends no conference when it holds no copy (nobody watched when the conference last changed): keep ours.
    const unchanged = !payload.conference && state.conference?.conferenceId === payload.agent.currentConferenceId;
    if (!unchanged) {
      state.conference = payload.conference;
    }
    if (state.agent.presence === 'available' || state.agent.presence === 'away') {
      state.chosen = state.agent.presence;
    }
    if (state.agent.presence === 'offline') {
      restorePresence();
    }
  } else if (type === 'roster') {
    for (const entry of payload) {
      state.roster.set(entry.agentId, entry);
    }
  } else if (type === 'notice') {
    notify(payload.message, 'warning');
  }
  draw();
}

/** The server forgot us (it restarted) while this page is still open: connect again with the status we had chosen. */
async function restorePresence() {
  if (restoring || !state.agentId) {
    return;
  }
  restoring = true;
  const chosen = state.chosen;
  try {
    await api.token(state.agentId);
    if (chosen === 'away') {
      await api.choosePresence(state.agentId, 'away');
    }
  } catch (problem) {
    handleFailure(problem, 'Could not reconnect');
  } finally {
    restoring = false;
  }
}

/** Runs agent commands one after another, in the order they were clicked. */
function command(action, failure) {
  pending = pending.then(async () => {
    state.busy = true;
    draw();
    try {
      // The answer is not drawn: the live updates carry the outcome, and a late answer could undo a newer update.
      await action();
    } catch (problem) {
      handleFailure(problem, failure);
    } finally {
      state.busy = false;
      draw();
    }
  });
  return pending;
}

function handleFailure(problem, what) {
  if (problem instanceof ApiError && problem.status === 401) {
    sessionEnded();
    return;
  }
  error(`${what}: ${problem.message}`);
}

async function hangUp() {
  await command(async () => {
    try {
      return await api.hangUp(state.agentId);
    } catch (problem) {
      if (problem instanceof ApiError && problem.status === 409) {
        phone.disconnect();
        return null;
      }
      throw problem;
    }
  }, 'Could not hang up');
}

function wire() {
  const on = (id, handler) => document.getElementById(id).addEventListener('click', handler);
  document.getElementById('sign-in-form').addEventListener('submit', signIn);
  on('sign-out', signOut);
  on('accept', () => phone.accept());
  on('reject', () => phone.reject());
  on('mute', () => phone.toggleMute());
  on('hang-up', hangUp);
  on('hold', () => {
    const resume = callModel(state, phone).actions.resumeCaller;
    command(() => api.hold(state.agentId, !resume), resume ? 'Could not resume the caller' : 'Could not hold the caller');
  });
  on('three-way', () => command(() => api.threeWay(state.agentId), 'Could not start the three-way call'));
  on('complete', () => command(() => api.complete(state.agentId), 'Could not complete the transfer'));
  on('cancel', () => command(() => api.cancel(state.agentId), 'Could not cancel the transfer'));
  document.getElementById('presence').addEventListener('click', event => {
    const presence = event.target.closest('[data-presence]')?.dataset.presence;
    if (presence) {
      state.chosen = presence;
      command(() => api.choosePresence(state.agentId, presence), 'Could not change your status');
    }
  });
  document.getElementById('agents').addEventListener('click', event => {
    const target = event.target.closest('[data-transfer-to]')?.dataset.transferTo;
    if (target) {
      command(() => api.transfer(state.agentId, target), `Could not transfer to ${target}`);
    }
  });
  document.getElementById('notices').addEventListener('click', event => {
    const id = event.target.closest('[data-dismiss]')?.dataset.dismiss;
    if (id) {
      dismiss(Number(id));
    }
  });
  setInterval(() => renderTimer(state, phone), 1000);
}

wire();
boot();
