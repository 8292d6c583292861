// Draws the console from the state. Lists are updated in place, keyed, so keyboard focus survives live updates.
import { connectionLabel, elapsed, incomingDescription, participantName, participantState, phoneLabel, presenceLabel } from './labels.js';

const $ = id => document.getElementById(id);

const NO_ACTIONS = { transfer: false, holdCaller: false, resumeCaller: false, threeWay: false, complete: false, cancel: false };

/** This agent's part of the conference the server reported: whether they are on the call and what the server allows them. */
export function callModel(state, phone) {
  const conference = state.conference;
  const mine = conference?.actions.find(actions => actions.agentId === state.agentId);
  const onCall = Boolean(mine && (phone.active || ['connecting', 'joined'].includes(mine.legState)));
  return { conference, onCall, actions: onCall ? mine : NO_ACTIONS, situation: mine?.situation ?? '' };
}

export function render(state, phone) {
  const signedIn = Boolean(state.agentId);
  $('sign-in').hidden = signedIn;
  $('console').hidden = !signedIn;
  $('sign-out').hidden = !signedIn;
  $('whoami').hidden = !signedIn;
  $('whoami').textContent = signedIn ? `Signed in as ${state.agentId}` : '';
  $('connection').textContent = signedIn ? connectionLabel[state.live] : '';
  $('connection').dataset.state = state.live;
  if (!signedIn) {
    return;
  }

  // Buttons stay enabled while a request runs (disabling the focused one would drop keyboard focus); clicks wait instead.
  $('console').setAttribute('aria-busy', String(state.busy));
  const model = callModel(state, phone);
  renderPresence(state, phone);
  renderIncoming(state, phone);
  renderCall(state, phone, model);
  renderRoster(state, model);
  renderNotices(state);
}

export function renderTimer(state, phone) {
  const model = callModel(state, phone);
  const since = model.conference?.connectedAt ?? model.conference?.startedAt;
  $('call-timer').textContent = model.onCall && since ? elapsed(Date.parse(since), Date.now()) : '';
}

function renderPresence(state, phone) {
  const presence = state.agent?.presence ?? 'offline';
  $('presence-state').textContent = presenceLabel[presence] ?? presence;
  $('presence-state').dataset.presence = presence;
  $('phone-state').textContent = phoneLabel[phone.state] ?? '';
  for (const button of document.querySelectorAll('[data-presence]')) {
    button.setAttribute('aria-pressed', String(button.dataset.presence === state.chosen));
  }
}

function renderIncoming(state, phone) {
  const banner = $('incoming');
  const wasHidden = banner.hidden;
  banner.hidden = !phone.incoming;
  if (!phone.incoming) {
    return;
  }
  const conference = state.agent?.presence === 'ringing' ? state.conference : null;
  $('incoming-detail').textContent = incomingDescription(conference, state.agentId);
  $('incoming-title').textContent = conference?.transfer?.targetId === state.agentId ? 'Incoming transfer' : 'Incoming call';
  if (wasHidden && (document.activeElement === document.body || !document.activeElement)) {
    $('accept').focus();
  }
}

function renderCall(state, phone, model) {
  $('call').hidden = !model.onCall;
  if (!model.onCall || !model.conference) {
    return;
  }
  const conference = model.conference;
  $('call-phase').textContent = model.situation;
  syncList($('participants'), conference.participants.filter(p => p.live), p => p.callSid,
    () => {
      const item = document.createElement('li');
      item.append(document.createElement('span'), ' ', document.createElement('span'));
      item.lastChild.className = 'badge';
      return item;
    },
    (item, participant) => {
      item.firstChild.textContent = participantName(participant, conference, state.agentId);
      item.lastChild.textContent = participantState(participant);
      item.lastChild.dataset.state = participant.onHold ? 'hold' : participant.state;
    });

  const actions = model.actions;
  show('three-way', actions.threeWay);
  show('complete', actions.complete);
  show('cancel', actions.cancel);
  show('hold', actions.holdCaller || actions.resumeCaller);
  $('hold').textContent = actions.resumeCaller ? 'Resume caller' : 'Hold caller';
  $('hold').setAttribute('aria-pressed', String(actions.resumeCaller));
  show('mute', Boolean(phone.active));
  $('mute').textContent = phone.muted ? 'Unmute' : 'Mute';
  $('mute').setAttribute('aria-pressed', String(phone.muted));
  show('hang-up', true);
  renderTimer(state, phone);
}

function renderRoster(state, model) {
  const others = [...state.roster.values()]
    .filter(entry => entry.agentId !== state.agentId)
    .sort((a, b) => (a.presence === 'offline') - (b.presence === 'offline') || a.agentId.localeCompare(b.agentId));
  syncList($('agents'), others, entry => entry.agentId,
    () => {
      const item = document.createElement('li');
      const name = document.createElement('span');
      const badge = document.createElement('span');
      badge.className = 'badge';
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Transfer';
      button.dataset.transferTo = '';
      item.append(name, ' ', badge, ' ', button);
      return item;
    },
    (item, entry) => {
      const [name, badge, button] = item.querySelectorAll('span, button');
      name.textContent = entry.agentId;
      badge.textContent = presenceLabel[entry.presence] ?? entry.presence;
      badge.dataset.presence = entry.presence;
      button.dataset.transferTo = entry.agentId;
      button.setAttribute('aria-label', `Transfer to ${entry.agentId}`);
      button.disabled = !model.actions.transfer || entry.presence !== 'available';
    });
}

function renderNotices(state) {
  syncList($('notices'), state.notices, notice => String(notice.id),
    () => {
      const item = document.createElement('div');
      item.setAttribute('role', 'alert');
      const text = document.createElement('p');
      const dismiss = document.createElement('button');
      dismiss.type = 'button';
      dismiss.className = 'quiet';
      dismiss.textContent = 'Dismiss';
      item.append(text, dismiss);
      return item;
    },
    (item, notice) => {
      item.className = `notice notice-${notice.kind}`;
      item.firstChild.textContent = notice.text;
      item.lastChild.dataset.dismiss = String(notice.id);
      item.lastChild.setAttribute('aria-label', `Dismiss: ${notice.text}`);
    });
}

function show(id, visible) {
  $(id).hidden = !visible;
}

/** Makes the list's children match the items, in order, reusing the element of each key. */
function syncList(list, items, keyOf, create, update) {
  const existing = new Map([...list.children].map(element => [element.dataset.key, element]));
  items.forEach((item, index) => {
    const key = keyOf(item);
    let element = existing.get(key);
    existing.delete(key);
    if (!element) {
      element = create();
      element.dataset.key = key;
    }
    update(element, item);
    if (list.children[index] !== element) {
      list.insertBefore(element, list.children[index] ?? null);
    }
  });
  for (const stale of existing.values()) {
    stale.remove();
  }
}
