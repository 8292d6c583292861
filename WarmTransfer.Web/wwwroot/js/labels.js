// Words the console shows for what the server reports.

export const presenceLabel = {
  available: 'Available',
  away: 'Away',
  ringing: 'Ringing',
  onCall: 'On a call',
  offline: 'Offline',
};

export const connectionLabel = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
};

export const phoneLabel = {
  starting: 'Phone starting…',
  ready: 'Phone ready',
  offline: 'Phone offline',
  unsupported: 'Phone unavailable',
};

export function participantName(participant, conference, me) {
  if (participant.role === 'caller') {
    return `Caller ${conference.callerNumber ?? ''}`.trim();
  }
  return participant.agentId === me ? `${participant.agentId} (you)` : participant.agentId;
}

export function participantState(participant) {
  switch (participant.state) {
    case 'dialing': return 'dialling';
    case 'joined': return (participant.onHold ? 'on hold' : 'in call') + (participant.changePending ? ' (waiting for Twilio)' : '');
    default: return participant.state;
  }
}

export function incomingDescription(conference, me) {
  if (!conference) {
    return 'A call is ringing.';
  }
  const caller = conference.callerNumber ?? 'unknown number';
  const transfer = conference.transfer;
  return transfer?.targetId === me ? `${transfer.transfererId} wants to transfer caller ${caller} to you.` : `Caller ${caller}.`;
}

export function elapsed(since, now) {
  const seconds = Math.max(0, Math.floor((now - since) / 1000));
  const two = n => String(n).padStart(2, '0');
  const hours = Math.floor(seconds / 3600);
  const clock = `${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
  return hours > 0 ? `${hours}:${clock}` : clock;
}
