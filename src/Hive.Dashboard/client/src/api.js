// JSON reads and the control actions; actions carry the page's anti-forgery token in a header.
const antiforgery = () => document.querySelector('meta[name="hive-antiforgery"]')?.content ?? '';

async function problem(response) {
  try {
    const body = await response.json();
    return body.detail || body.title || `${response.status}`;
  } catch {
    return `${response.status} ${response.statusText}`;
  }
}

export async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (response.status === 401) {
    location.href = '/login';
    throw new Error('logged out');
  }
  if (!response.ok) throw new Error(await problem(response));
  return response.json();
}

export async function post(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-Hive-Antiforgery': antiforgery() },
    body: JSON.stringify(body ?? {}),
  });
  if (!response.ok) throw new Error(await problem(response));
  return response.json();
}
