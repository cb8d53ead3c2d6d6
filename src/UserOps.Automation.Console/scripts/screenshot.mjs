// Screenshots of the console with Debian's headless Chromium over the DevTools protocol (no browser download).
// Usage: node --experimental-websocket scripts/screenshot.mjs <url-with-hash> <out.png> [--user NAME --password P] [--width 1280 --height 800]
//        [--click SELECTOR|text=Label] [--drag FROM TO] [--dnd FROM TO] [--press ctrl+z]... Prints console errors and exceptions the page raised; exits 1 if there were any.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : fallback; };
// Steps run in order: --click SELECTOR, --drag FROM TO (a real mouse drag), --dnd FROM TO (an HTML5 drag and drop), --press KEY (with ctrl+ / shift+ prefixes).
const steps = args.flatMap((a, i) => (a === '--click' ? [{ click: args[i + 1] }] : a === '--drag' ? [{ drag: [args[i + 1], args[i + 2]] }] : a === '--press' ? [{ press: args[i + 1] }] : a === '--dnd' ? [{ dnd: [args[i + 1], args[i + 2]] }] : []));
const [url, out] = args;
const width = Number(opt('width', 1280));
const height = Number(opt('height', 800));
const user = opt('user', process.env.USEROPS_USER);
const password = opt('password', process.env.USEROPS_PASSWORD);
const port = 9300 + Math.floor(Math.random() * 500);
const browser = spawn(opt('chromium', 'chromium'), [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--hide-scrollbars', `--remote-debugging-port=${port}`, `--user-data-dir=${mkdtempSync(join(tmpdir(), 'uo-shot-'))}`,
  `--window-size=${width},${height}`, 'about:blank',
], { stdio: 'ignore' });
const sleep = ms => new Promise(r => setTimeout(r, ms));

let target;
for (let i = 0; i < 50 && !target; i++) {
  await sleep(200);
  try { target = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()).find(t => t.type === 'page'); } catch { /* not up yet */ }
}
if (!target) { browser.kill(); throw new Error('Chromium did not start'); }
const ws = new WebSocket(target.webSocketDebuggerUrl);
await new Promise(r => ws.addEventListener('open', r, { once: true }));
let id = 0;
const pending = new Map();
const problems = [];
let dragData = null;
ws.addEventListener('message', e => {
  const m = JSON.parse(e.data);
  if (m.id && pending.has(m.id)) { pending.get(m.id)(m); pending.delete(m.id); }
  if (m.method === 'Input.dragIntercepted') dragData = m.params.data;
  if (m.method === 'Runtime.exceptionThrown') problems.push(`exception: ${m.params.exceptionDetails.exception?.description ?? m.params.exceptionDetails.text}`);
  if (m.method === 'Runtime.consoleAPICalled' && ['error', 'warning'].includes(m.params.type)) problems.push(`console.${m.params.type}: ${m.params.args.map(a => a.value ?? a.description).join(' ')}`);
  if (m.method === 'Log.entryAdded' && m.params.entry.level === 'error') problems.push(`log: ${m.params.entry.text} ${m.params.entry.url ?? ''}`);
});
const send = (method, params = {}) => new Promise(r => { const n = ++id; pending.set(n, r); ws.send(JSON.stringify({ id: n, method, params })); });
const evaluate = async expression => (await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })).result?.result?.value;

await send('Runtime.enable');
await send('Log.enable');
await send('Page.enable');
await send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false });
const origin = new URL(url).origin;
await send('Page.navigate', { url: `${origin}/` });
await sleep(800);
// Signs in from the page, so the browser holds the session cookie as it would after the sign-in form.
if (user) {
  const status = await evaluate(`fetch('/api/auth/sign-in', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' }, body: JSON.stringify(${JSON.stringify({ userName: user, password })}) }).then(r => r.status)`);
  if (status !== 200) problems.push(`sign-in answered ${status}`);
}
await send('Page.navigate', { url });
await sleep(300);
// A hash change does not reload the app, which found no session at its start: reload so it asks again.
await send('Page.reload');
await sleep(4000);
const centre = async selector => evaluate(`(() => { const e = document.querySelector(${JSON.stringify(selector)}); if (!e) return null; const r = e.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; })()`);
for (const step of steps) {
  if (step.click) {
    const selector = step.click;
    // "text=Save draft" clicks the button whose text is that; anything else is a CSS selector.
    const find = selector.startsWith('text=')
      ? `[...document.querySelectorAll('button, a')].find(e => e.textContent.trim() === ${JSON.stringify(selector.slice(5))})`
      : `document.querySelector(${JSON.stringify(selector)})`;
    const found = await evaluate(`(() => { const e = ${find}; if (!e) return false; e.dispatchEvent(new MouseEvent('click', { bubbles: true })); return true; })()`);
    if (!found) problems.push(`click: nothing matches ${selector}`);
  } else if (step.drag) {
    const [from, to] = await Promise.all(step.drag.map(centre));
    if (!from || !to) { problems.push(`drag: nothing matches ${step.drag.join(' or ')}`); continue; }
    await send('Input.dispatchMouseEvent', { type: 'mousePressed', x: from.x, y: from.y, button: 'left', buttons: 1, clickCount: 1 });
    for (let k = 1; k <= 12; k++) {
      await send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: from.x + ((to.x - from.x) * k) / 12, y: from.y + ((to.y - from.y) * k) / 12, button: 'left', buttons: 1 });
      await sleep(30);
    }
    await send('Input.dispatchMouseEvent', { type: 'mouseReleased', x: to.x, y: to.y, button: 'left', buttons: 0, clickCount: 1 });
  } else if (step.dnd) {
    // Chromium hands the drag to us (setInterceptDrags); we then deliver it to the drop target as the browser would.
    const [from, to] = await Promise.all(step.dnd.map(centre));
    if (!from || !to) { problems.push(`dnd: nothing matches ${step.dnd.join(' or ')}`); continue; }
    dragData = null;
    await send('Input.setInterceptDrags', { enabled: true });
    await send('Input.dispatchMouseEvent', { type: 'mousePressed', x: from.x, y: from.y, button: 'left', buttons: 1, clickCount: 1 });
    for (let k = 1; k <= 6 && !dragData; k++) {
      await send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: from.x + k * 10, y: from.y + k * 10, button: 'left', buttons: 1 });
      await sleep(50);
    }
    if (!dragData) { problems.push('dnd: the drag did not start'); continue; }
    for (const type of ['dragEnter', 'dragOver', 'drop']) await send('Input.dispatchDragEvent', { type, x: to.x, y: to.y, data: dragData });
    await send('Input.dispatchMouseEvent', { type: 'mouseReleased', x: to.x, y: to.y, button: 'left', buttons: 0, clickCount: 1 });
    await send('Input.setInterceptDrags', { enabled: false });
  } else if (step.press) {
    const parts = step.press.split('+');
    const key = parts.pop();
    const modifiers = (parts.includes('ctrl') ? 2 : 0) | (parts.includes('shift') ? 8 : 0);
    const code = key.length === 1 ? `Key${key.toUpperCase()}` : key;
    const keyCode = key.length === 1 ? key.toUpperCase().charCodeAt(0) : key === 'Delete' ? 46 : key === 'Backspace' ? 8 : 0;
    await send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key, code, modifiers, windowsVirtualKeyCode: keyCode });
    await send('Input.dispatchKeyEvent', { type: 'keyUp', key, code, modifiers, windowsVirtualKeyCode: keyCode });
  }
  await sleep(1200);
}
const shot = await send('Page.captureScreenshot', { format: 'png' });
writeFileSync(out, Buffer.from(shot.result.data, 'base64'));
ws.close();
browser.kill();
for (const p of problems) console.log(p);
console.log(`${out}: ${problems.length} console problem(s)`);
process.exit(problems.length ? 1 : 0);
