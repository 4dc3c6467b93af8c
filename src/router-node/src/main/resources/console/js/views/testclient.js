// The live test client: a WebSocket from this page to the stage's invoke URL, every frame with its time and size,
// API Gateway's error frames marked as such, and a history of sent messages.
import { h, fill } from '../dom.js';
import { onLeave } from '../nav.js';

// API Gateway's error frame: {"message": ..., "connectionId": ..., "requestId": ...} with one of its messages.
const GATEWAY_ERRORS = ['Forbidden', 'Internal server error', 'Endpoint request timed out', 'Unsupported Media Type'];

export function errorFrame(text) {
  try {
    const json = JSON.parse(text);
    const keys = json && typeof json === 'object' ? Object.keys(json).sort().join(',') : '';
    return keys === 'connectionId,message,requestId' && GATEWAY_ERRORS.includes(json.message) ? json.message : null;
  } catch (e) {
    return null;
  }
}

const bytes = (text) => new TextEncoder().encode(text).length;
const time = (d) => d.toTimeString().slice(0, 8) + '.' + String(d.getMilliseconds()).padStart(3, '0');

export function testClient(url) {
  let socket = null;
  const history = [];
  const status = h('span', { id: 'tc-status', class: 'status', role: 'status' }, 'Disconnected');
  const connect = h('button', { type: 'button', id: 'tc-connect', class: 'primary', onclick: () => open() }, 'Connect');
  const disconnect = h('button', { type: 'button', id: 'tc-disconnect', disabled: true,
    onclick: () => socket && socket.close(1000) }, 'Disconnect');
  const message = h('textarea', { id: 'tc-message', rows: 3, class: 'code', spellcheck: 'false',
    'aria-label': 'Message to send', value: '{"action":"sendmessage"}' });
  const send = h('button', { type: 'button', id: 'tc-send', disabled: true, onclick: () => sendText() }, 'Send');
  const historyList = h('ul', { id: 'tc-history', class: 'history', 'aria-label': 'Sent messages' });
  const tbody = h('tbody', {});
  const frames = h('div', { class: 'table-wrap frames' }, h('table', { id: 'tc-frames', 'aria-label': 'Frames' },
    h('thead', {}, h('tr', {}, ['Time', 'Direction', 'Size', 'Data'].map((t) => h('th', { scope: 'col' }, t)))),
    tbody));
  const clear = h('button', { type: 'button', class: 'link', onclick: () => fill(tbody) }, 'Clear frames');

  function row(direction, text, kind) {
    const error = kind === 'in' ? errorFrame(text) : null;
    const cls = 'frame-' + kind + (error ? ' frame-error' : '');
    tbody.append(h('tr', { class: cls, 'data-kind': error ? 'error' : kind },
      h('td', { class: 'time' }, time(new Date())),
      h('td', {}, error ? direction + ' error: ' + error : direction),
      h('td', { class: 'size' }, kind === 'event' ? '' : bytes(text) + ' B'),
      h('td', {}, h('pre', {}, text))));
    frames.scrollTop = frames.scrollHeight;
  }

  function setOpen(isOpen) {
    connect.disabled = isOpen;
    disconnect.disabled = !isOpen;
    send.disabled = !isOpen;
  }

  function open() {
    connect.disabled = true;
    status.textContent = 'Connecting…';
    let ws;
    try {
      ws = new WebSocket(url);
    } catch (e) {
      status.textContent = 'Could not connect: ' + e.message;
      connect.disabled = false;
      return;
    }
    socket = ws;
    ws.onopen = () => { status.textContent = 'Connected'; setOpen(true); row('●', 'Connected to ' + url, 'event'); message.focus(); };
    ws.onmessage = (e) => row('↓ received', typeof e.data === 'string' ? e.data : '[binary frame]', 'in');
    ws.onerror = () => row('●', 'WebSocket error (the upgrade was refused or the connection failed)', 'event');
    ws.onclose = (e) => {
      if (socket === ws) socket = null;
      setOpen(false);
      status.textContent = 'Disconnected';
      row('●', 'Closed: ' + e.code + (e.reason ? ' ' + e.reason : ''), 'event');
    };
  }

  function sendText(text = message.value) {
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    socket.send(text);
    row('↑ sent', text, 'out');
    if (history[0] !== text) {
      history.unshift(text);
      historyList.prepend(h('li', {}, h('button', { type: 'button', class: 'link', title: 'Use this message again',
        onclick: () => { message.value = text; message.focus(); } }, text)));
    }
  }

  // Ctrl+Enter sends, as in most test clients.
  message.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); sendText(); }
  });
  onLeave(() => socket && socket.close(1000));

  return h('section', { class: 'card', id: 'test-client', 'aria-labelledby': 'tc-title' },
    h('h3', { id: 'tc-title' }, 'Test client'),
    h('p', { class: 'help' }, 'Connects from this browser to ', h('code', {}, url), '.'),
    h('div', { class: 'actions' }, connect, disconnect, status),
    h('div', { class: 'tc-grid' },
      h('div', {}, message, h('div', { class: 'actions' }, send, h('span', { class: 'help' }, 'Ctrl+Enter sends'))),
      h('div', {}, h('h4', {}, 'History'), historyList)),
    h('h4', {}, 'Frames'), frames, clear);
}
