// Follows the agent's Server-Sent Events. EventSource retries by itself after a network blip; when the server
// refuses outright (restarting, or the session ended) the stream is closed and we retry with backoff.

export function follow(url, { onStatus, onEvent, canRetry }) {
  let source = null;
  let failures = 0;
  let retryTimer = 0;
  let stopped = false;

  const open = () => {
    source = new EventSource(url);
    source.addEventListener('open', () => {
      failures = 0;
      onStatus('live');
    });
    for (const type of ['agent', 'notice', 'roster']) {
      source.addEventListener(type, message => onEvent(type, JSON.parse(message.data)));
    }
    source.addEventListener('error', () => {
      if (stopped) {
        return;
      }
      onStatus('reconnecting');
      if (source.readyState === EventSource.CLOSED) {
        const delay = Math.min(30000, 1000 * 2 ** failures++);
        retryTimer = setTimeout(async () => {
          if (!stopped && await canRetry()) {
            open();
          }
        }, delay);
      }
    });
  };

  open();
  return {
    stop() {
      stopped = true;
      clearTimeout(retryTimer);
      source?.close();
    },
  };
}
