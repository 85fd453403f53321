// The page's live stream (server-sent events) and the header's connection state and last update time.
const status = () => document.querySelector('[data-testid="live-status"]');
const updatedAt = () => document.querySelector('[data-testid="updated-at"]');

function setStatus(text) {
  const el = status();
  if (el) {
    el.textContent = text;
    el.dataset.state = text;
  }
}

function setUpdated(ms) {
  const el = updatedAt();
  if (el) {
    const when = new Date(ms);
    el.dateTime = when.toISOString();
    el.textContent = when.toLocaleTimeString();
  }
}

// Opens /events/... and calls onData(data, time) for each update (at most one a second: the server's pace).
// Returns a function that closes the stream.
export function live(path, onData, onOpen) {
  const source = new EventSource(path);
  setStatus('connecting');
  source.onopen = () => {
    setStatus('live');
    if (onOpen) onOpen();
  };
  source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? 'offline' : 'reconnecting');
  source.addEventListener('update', (e) => {
    setStatus('live');
    const message = JSON.parse(e.data);
    setUpdated(message.time);
    if (message.error !== undefined) {
      showError(message.error);
      return;
    }
    clearError();
    onData(message.data, message.time);
  });
  window.addEventListener('pagehide', () => source.close());
  return () => source.close();
}

export function showError(text) {
  let el = document.querySelector('.problem');
  if (!el) {
    el = document.createElement('p');
    el.className = 'problem';
    el.setAttribute('role', 'alert');
    document.getElementById('app').prepend(el);
  }
  el.textContent = text;
}

export function clearError() {
  document.querySelector('.problem')?.remove();
}
