// The server's agent API: JSON both ways, the CSRF token on every change, ProblemDetails turned into ApiError.

export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail || title);
    this.status = status;
    this.title = title;
  }
}

let csrfToken = '';

export function useCsrfToken(token) {
  csrfToken = token;
}

export async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers['X-CSRF-TOKEN'] = csrfToken;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }

  let response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'Server unreachable', 'The server cannot be reached. Check your connection; the console retries by itself.');
  }

  const payload = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(response.status, payload?.title ?? response.statusText, payload?.detail ?? `The server answered ${response.status}.`);
  }
  return payload;
}

const agentPath = agentId => `/agents/${encodeURIComponent(agentId)}`;

export const api = {
  session: () => call('GET', '/account/session'),
  signIn: (agentId, password) => call('POST', '/account/signin', { agentId, password }),
  signOut: () => call('POST', '/account/signout'),
  token: agentId => call('POST', `${agentPath(agentId)}/token`),
  choosePresence: (agentId, presence) => call('PUT', `${agentPath(agentId)}/presence`, { presence }),
  transfer: (agentId, to) => call('POST', `${agentPath(agentId)}/transfer`, { to }),
  threeWay: agentId => call('POST', `${agentPath(agentId)}/transfer/three-way`),
  complete: agentId => call('POST', `${agentPath(agentId)}/transfer/complete`),
  cancel: agentId => call('POST', `${agentPath(agentId)}/transfer/cancel`),
  hold: (agentId, hold) => call('POST', `${agentPath(agentId)}/hold`, { hold }),
  hangUp: agentId => call('POST', `${agentPath(agentId)}/hangup`),
  eventsUrl: agentId => `${agentPath(agentId)}/events`,
};
