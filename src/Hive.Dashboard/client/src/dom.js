// Small DOM helpers: elements by template, text cells, numbers as the API sends them (decimals and 64-bit integers as strings).
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'testid') el.dataset.testid = value;
    else if (key === 'class') el.className = value;
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export const num = (value) => (value === undefined || value === null || value === '' ? 0 : Number(value));

export function fixed(value, digits = 2) {
  const n = num(value);
  return Number.isFinite(n) ? n.toLocaleString(undefined, { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–';
}

export function signed(value, digits = 2) {
  const n = num(value);
  return (n > 0 ? '+' : '') + fixed(n, digits);
}

export const pnlClass = (value) => (num(value) > 0 ? 'up' : num(value) < 0 ? 'down' : '');

export function bytes(value) {
  const n = num(value);
  if (n <= 0) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

export function duration(ms) {
  let s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const hh = Math.floor(s / 3600);
  s -= hh * 3600;
  const mm = Math.floor(s / 60);
  s -= mm * 60;
  return d > 0 ? `${d}d ${hh}h ${mm}m` : hh > 0 ? `${hh}h ${mm}m ${s}s` : `${mm}m ${s}s`;
}

// "RUNNER_STATE_IN_POSITION" -> "in_position" (the API's enums by name).
export const enumName = (value, prefix) => String(value ?? '').replace(prefix, '').toLowerCase();

// Replaces the rows of tbody with one row per item, keyed so that a row keeps its element (and focus) across updates.
export function syncRows(tbody, items, key, render) {
  const existing = new Map([...tbody.children].map((row) => [row.dataset.key, row]));
  const rows = items.map((item) => {
    const k = key(item);
    const row = render(item, existing.get(k));
    row.dataset.key = k;
    return row;
  });
  tbody.replaceChildren(...rows);
}
