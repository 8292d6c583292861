// The sandbox's caller page: call the support number from a number of your choice, see what each caller hears right
// now and where their call stands (pushed by the server as Server-Sent Events), and hang up.
const PHASES = {
  queued: 'Waiting for an agent',
  offering: 'Ringing an agent',
  connected: 'With an agent',
  transferring: 'On hold: being transferred',
  consulting: 'On hold: agents consulting',
  threeWay: 'Three-way call',
  ended: 'Ended',
};

const list = document.getElementById('callers');
const form = document.getElementById('dial');
const message = document.getElementById('dial-error');

function randomNumber() {
  return `+1555${String(Math.floor(Math.random() * 10000000)).padStart(7, '0')}`;
}

function phaseOf(caller) {
  if (caller.phase) return PHASES[caller.phase] ?? caller.phase;
  return caller.canHangUp ? 'Connecting' : 'Ended';
}

function render(callers) {
  document.getElementById('no-callers').hidden = callers.length > 0;
  list.replaceChildren(...callers.map(caller => {
    const item = document.createElement('li');
    item.dataset.key = caller.callSid;
    item.classList.toggle('ended', !caller.canHangUp);
    const who = document.createElement('strong');
    who.textContent = caller.from;
    const phase = document.createElement('span');
    phase.className = 'badge phase';
    phase.textContent = phaseOf(caller);
    const hearing = document.createElement('span');
    hearing.className = 'hearing';
    hearing.textContent = `Hears: ${caller.hearing}`;
    item.append(who, phase, hearing);
    if (caller.canHangUp) {
      const hangUp = document.createElement('button');
      hangUp.type = 'button';
      hangUp.className = 'danger';
      hangUp.textContent = 'Hang up';
      hangUp.setAttribute('aria-label', `Hang up ${caller.from}`);
      hangUp.addEventListener('click', () => post(`/sandbox/calls/${caller.callSid}/hangup`));
      item.append(hangUp);
    }
    return item;
  }));
}

async function post(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(problem.detail ?? `The server answered ${response.status}.`);
  }
}

form.addEventListener('submit', async event => {
  event.preventDefault();
  message.textContent = '';
  try {
    await post('/sandbox/calls', { from: form.from.value.trim() });
    form.from.value = randomNumber();
  } catch (error) {
    message.textContent = error.message;
  }
});

const connection = document.getElementById('connection');
const events = new EventSource('/sandbox/calls/events');
events.addEventListener('callers', event => render(JSON.parse(event.data)));
events.addEventListener('open', () => { connection.textContent = 'Live'; });
events.addEventListener('error', () => { connection.textContent = 'Reconnecting…'; });

form.from.value = randomNumber();
