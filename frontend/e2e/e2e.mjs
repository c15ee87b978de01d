// End-to-end check of the page in a real browser (Debian's Chromium driven by playwright-core)
// against a running UCV server. Run by itests' BrowserIT, or by hand:
//
//   node e2e/e2e.mjs --base-url http://127.0.0.1:8000 --user admin --password secret \
//        --rtsp rtsp://127.0.0.1:8554/a,rtsp://127.0.0.1:8554/b,rtsp://127.0.0.1:8554/c --out /tmp/shots
//
// (or the environment: UCV_BASE_URL, UCV_USER, UCV_PASSWORD, UCV_RTSP_URLS, UCV_SCREENSHOTS,
// UCV_CHROMIUM). Needs three RTSP URLs that stream. Prints one line per check, saves screenshots,
// exits 0 when every check passed. Cameras it adds have ids starting "a-e2e-" / "z-e2e-" and are
// deleted at the end, whatever happened.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const BASE = (args['base-url'] ?? process.env.UCV_BASE_URL ?? 'http://127.0.0.1:8000').replace(/\/$/, '');
const USER = args.user ?? process.env.UCV_USER ?? 'admin';
const PASSWORD = args.password ?? process.env.UCV_PASSWORD;
const RTSP = (args.rtsp ?? process.env.UCV_RTSP_URLS ?? '').split(',').filter(Boolean);
const OUT = args.out ?? process.env.UCV_SCREENSHOTS ?? 'e2e-screenshots';
const CHROMIUM = args.chromium ?? process.env.UCV_CHROMIUM ?? '/usr/bin/chromium';
/** The whole run may not take longer (the browser is killed, the script fails). */
const RUN_LIMIT_MS = Number(process.env.UCV_E2E_LIMIT_MS ?? 150_000);
const UNREACHABLE = 'rtsp://127.0.0.1:9/nothing'; // the discard port: nothing listens there

if (!PASSWORD || RTSP.length < 3) {
  console.error('usage: e2e.mjs --base-url URL --user NAME --password PW --rtsp URL1,URL2,URL3 [--out DIR] [--chromium PATH]');
  process.exit(2);
}
mkdirSync(OUT, { recursive: true });

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
let failures = 0;
let page;
let browser;
const added = [];

function log(text) {
  console.log(`[${elapsed()}] ${text}`);
}

async function shot(name) {
  try {
    await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
  } catch (e) {
    log(`(screenshot ${name} failed: ${e.message})`);
  }
}

/** One named check: its failure is reported with a screenshot and the run goes on where it can. */
async function check(name, body) {
  const t = Date.now();
  try {
    await body();
    log(`ok   ${name} (${Date.now() - t} ms)`);
    return true;
  } catch (e) {
    failures++;
    log(`FAIL ${name}: ${e.message.split('\n').slice(0, 6).join('\n     ')}`);
    await shot(`FAIL-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`);
    return false;
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** Polls fn until it returns a truthy value; throws with the last value after the deadline. */
async function until(what, fn, timeoutMs = 15_000, everyMs = 200) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

const tile = (id) => page.locator(`article[data-camera-id="${id}"]`);
const canvasData = (id) =>
  tile(id).locator('canvas').evaluate((c) => ({ frames: Number(c.dataset.frames ?? 0), bytes: Number(c.dataset.frameBytes ?? 0), quality: c.dataset.frameQuality ?? '', width: Number(c.dataset.frameWidth ?? 0) }));

/** A few pixels spread over the canvas: a picture that moves changes some of them. */
const pixels = (id) =>
  tile(id).locator('canvas').evaluate((c) => {
    const ctx = c.getContext('2d');
    const out = [];
    for (let y = 1; y < 8; y++) for (let x = 1; x < 8; x++) out.push(...ctx.getImageData(Math.floor((c.width * x) / 8), Math.floor((c.height * y) / 8), 1, 1).data.slice(0, 3));
    return out.join(',');
  });

async function axe(name) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of result.violations) {
    log(`     axe ${name}: ${v.impact} ${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  }
  assert(bad.length === 0, `${bad.length} serious/critical violations: ${bad.map((v) => `${v.id}: ${v.help}`).join('; ')}`);
}

async function noSidewaysOverflow(name) {
  const m = await page.evaluate(() => ({ scroll: document.scrollingElement.scrollWidth, inner: window.innerWidth }));
  assert(m.scroll <= m.inner, `${name}: the page is ${m.scroll} px wide in a ${m.inner} px window`);
}

async function api(method, path, body) {
  const response = await page.request.fetch(BASE + path, { method, data: body, headers: body ? { 'Content-Type': 'application/json' } : {} });
  return { status: response.status(), body: response.status() === 204 ? null : await response.json().catch(() => null) };
}

async function averageBytes(id, quality) {
  await until(`frames of quality ${quality}`, async () => (await canvasData(id)).quality === quality, 15_000);
  const sizes = [];
  let last = (await canvasData(id)).frames;
  while (sizes.length < 8) {
    await new Promise((r) => setTimeout(r, 120));
    const d = await canvasData(id);
    if (d.frames !== last && d.quality === quality) sizes.push(d.bytes);
    last = d.frames;
  }
  return sizes.reduce((a, b) => a + b, 0) / sizes.length;
}

async function run() {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, acceptDownloads: true });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const consoleErrors = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  log(`browser ${browser.version()}, server ${BASE}`);

  // ---- login ----
  await check('login page shows and refuses a wrong password', async () => {
    await page.goto(BASE + '/');
    await page.getByLabel('User name').waitFor();
    await shot('01-login');
    await page.getByLabel('User name').fill(USER);
    await page.getByLabel('Password').fill('certainly-wrong');
    await page.getByRole('button', { name: 'Log in' }).click();
    const alert = await page.getByRole('alert').textContent({ timeout: 10_000 });
    assert(alert && alert.length > 3, `no error shown: ${alert}`);
    log(`     wrong password says: ${alert}`);
  });
  await check('login page has no serious accessibility violation', () => axe('login'));
  if (!(await check('log in', async () => {
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Live' }).waitFor({ timeout: 10_000 });
  }))) {
    return;
  }

  // ---- the demo camera ----
  await check('demo tile shows pictures that change', async () => {
    await until('demo frames', async () => (await canvasData('demo')).frames >= 3, 20_000);
    const a = await pixels('demo');
    await until('a different picture', async () => (await pixels('demo')) !== a, 5_000, 300);
    const metrics = await tile('demo').locator('[data-metric="fps"]').textContent();
    log(`     demo: ${JSON.stringify(await canvasData('demo'))}, fps shown ${metrics}`);
    await shot('02-demo-live');
  });

  await check('grid has no serious accessibility violation', () => axe('grid'));

  await check('quality low → high changes the frame size', async () => {
    const quality = tile('demo').getByLabel('Quality of Demo camera');
    await quality.selectOption('low');
    const low = await averageBytes('demo', 'low');
    await quality.selectOption('high');
    const high = await averageBytes('demo', 'high');
    log(`     average JPEG: low ${Math.round(low)} B, high ${Math.round(high)} B`);
    assert(high > low * 1.3, `high (${high}) is not clearly bigger than low (${low})`);
    await quality.selectOption('medium');
  });

  await check('json transport streams too', async () => {
    await page.getByLabel('Transport').selectOption('json');
    const before = (await canvasData('demo')).frames;
    await until('frames over json', async () => (await canvasData('demo')).frames > before + 3, 10_000);
    await page.getByLabel('Transport').selectOption('binary');
  });

  await check('snapshot downloads a JPEG', async () => {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), tile('demo').getByRole('button', { name: /snapshot/i }).click()]);
    const name = download.suggestedFilename();
    assert(/^demo-\d{8}-\d{6}\.jpg$/.test(name), `file name ${name}`);
  });

  await check('stop stops the pictures, start brings them back', async () => {
    await tile('demo').getByRole('button', { name: 'Stop Demo camera' }).click();
    await until('stopped', async () => (await tile('demo').getAttribute('data-phase')) === 'stopped', 5_000);
    await new Promise((r) => setTimeout(r, 300)); // a frame decoding at the click may still land
    const n = (await canvasData('demo')).frames;
    await new Promise((r) => setTimeout(r, 1500));
    const m = (await canvasData('demo')).frames;
    assert(m === n, `frames went on after stop: ${n} → ${m}`);
    await shot('03-demo-stopped');
    await tile('demo').getByRole('button', { name: 'Start Demo camera' }).click();
    await until('frames again', async () => (await canvasData('demo')).frames > m + 2, 10_000);
  });

  // ---- cameras page: add through the form ----
  await check('add an RTSP camera through the form, tested first', async () => {
    await page.getByRole('link', { name: 'Cameras' }).click();
    await page.getByRole('heading', { name: 'Configured cameras' }).waitFor();
    await page.getByRole('button', { name: 'Add camera' }).click();
    await page.getByLabel('Camera type').selectOption('rtsp-generic');
    await page.getByLabel('Name', { exact: true }).fill('E2E RTSP one');
    await page.getByLabel('ID (optional)').fill('a-e2e-rtsp-1');
    await page.getByLabel('Address (URL)').fill(RTSP[0]);
    await shot('04-camera-form');
    await axe('camera form');
    await page.getByRole('button', { name: 'Test connection' }).click();
    const ok = page.getByText(/Connection works/);
    await ok.waitFor({ timeout: 20_000 });
    log(`     test: ${await ok.textContent()}`);
    await page.getByRole('button', { name: 'Add camera' }).click();
    added.push('a-e2e-rtsp-1');
    await page.getByText('Camera “E2E RTSP one” added.').waitFor({ timeout: 10_000 });
    await shot('05-camera-list');
  });

  await check('edit a camera: no password comes back, the change is saved', async () => {
    await page.getByRole('button', { name: 'Edit E2E RTSP one' }).click();
    assert((await page.getByLabel('Password', { exact: true }).inputValue()) === '', 'the password field is not empty');
    assert((await page.getByLabel('Address (URL)').inputValue()) === RTSP[0], 'the camera\'s URL is not in the form');
    await page.getByLabel('Name', { exact: true }).fill('E2E RTSP first');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Camera “E2E RTSP first” saved.').waitFor();
  });

  await check('discovery answers', async () => {
    await page.getByRole('button', { name: 'Search (ONVIF)' }).click();
    const result = page.locator('section[aria-labelledby="discovery-title"] [role="status"]');
    await result.waitFor({ timeout: 20_000 });
    log(`     discovery: ${(await result.textContent()).slice(0, 160)}`);
  });

  await check('form shows the server\'s field errors', async () => {
    await page.getByRole('button', { name: 'Add camera' }).click();
    await page.getByLabel('Camera type').selectOption('rtsp-generic');
    await page.getByLabel('Name', { exact: true }).fill('Bad id');
    await page.getByLabel('ID (optional)').fill('Not Valid!');
    await page.getByLabel('Address (URL)').fill(RTSP[0]);
    await page.getByRole('button', { name: 'Add camera' }).click();
    const error = page.locator('.field-error').first();
    await error.waitFor({ timeout: 10_000 });
    log(`     id error: ${await error.textContent()}`);
    assert((await page.getByLabel('ID (optional)').getAttribute('aria-invalid')) === 'true', 'the id field is not marked invalid');
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  await check('the unreachable camera\'s test shows the server\'s error', async () => {
    await page.getByRole('button', { name: 'Add camera' }).click();
    await page.getByLabel('Camera type').selectOption('rtsp-generic');
    await page.getByLabel('Name', { exact: true }).fill('E2E unreachable');
    await page.getByLabel('ID (optional)').fill('z-e2e-unreachable');
    await page.getByLabel('Address (URL)').fill(UNREACHABLE);
    await page.getByRole('button', { name: 'Test connection' }).click();
    const failed = page.getByText(/Test failed/);
    await failed.waitFor({ timeout: 20_000 });
    log(`     test: ${await failed.textContent()}`);
    await page.getByRole('button', { name: 'Add camera' }).click();
    added.push('z-e2e-unreachable');
    await page.getByText('Camera “E2E unreachable” added.').waitFor({ timeout: 10_000 });
  });

  for (const [i, url] of RTSP.slice(1, 3).entries()) {
    const id = `a-e2e-rtsp-${i + 2}`;
    const r = await api('POST', '/api/cameras', { id, name: `E2E RTSP ${i + 2}`, protocol: 'rtsp', url });
    if (r.status === 201) added.push(id);
    else log(`     could not add ${id}: ${r.status} ${JSON.stringify(r.body)}`);
  }

  // ---- live: the added cameras ----
  await page.getByRole('link', { name: 'Live' }).click();
  await page.getByRole('button', { name: '1 camera per page' }).waitFor();

  await check('the camera added from the form shows its video', async () => {
    await page.getByRole('button', { name: '4 cameras per page' }).click();
    await until('rtsp frames', async () => (await canvasData('a-e2e-rtsp-1')).frames >= 3, 30_000);
    const a = await pixels('a-e2e-rtsp-1');
    await until('a different rtsp picture', async () => (await pixels('a-e2e-rtsp-1')) !== a, 8_000, 300);
  });

  await check('4-camera layout shows four live tiles', async () => {
    const ids = await until('four tiles', async () => {
      const all = await page.locator('ul.grid > li > article').evaluateAll((els) => els.map((e) => e.dataset.cameraId));
      return all.length === 4 ? all : null;
    });
    log(`     tiles: ${ids.join(', ')}`);
    for (const id of ids) {
      await until(`${id} live`, async () => (await canvasData(id)).frames >= 2 && (await tile(id).getAttribute('data-phase')) === 'streaming', 30_000);
    }
    await shot('06-grid-4');
  });

  await check('layout is remembered across a reload', async () => {
    await page.reload();
    await page.getByRole('heading', { name: 'Live' }).waitFor();
    assert((await page.getByRole('button', { name: '4 cameras per page' }).getAttribute('aria-pressed')) === 'true', 'layout 4 is not chosen after reload');
  });

  await check('an unreachable camera shows the server\'s error text', async () => {
    await page.getByRole('button', { name: '1 camera per page' }).click();
    // The cameras are sorted by id: the unreachable one is last.
    const pages = await page.locator('.pager span').textContent().catch(() => null);
    const total = Number(/of (\d+)/.exec(pages ?? '')?.[1] ?? 1);
    for (let i = 1; i < total; i++) await page.getByRole('button', { name: 'Next' }).click();
    const text = await until('an error text', async () => {
      const t = await tile('z-e2e-unreachable').locator('.phase-text').textContent().catch(() => null);
      return t && /refused|unreachable|cannot/i.test(t) ? t : null;
    }, 30_000);
    log(`     tile says: ${text}`);
    await shot('07-unreachable');
    await page.getByRole('button', { name: '4 cameras per page' }).click();
  });

  // ---- small screen ----
  await check('nothing overflows sideways at 375 px', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.waitForTimeout(1500); // the tiles settle on their new size
    await noSidewaysOverflow('live');
    await shot('08-live-375');
    await page.getByRole('link', { name: 'Cameras' }).click();
    await page.getByRole('heading', { name: 'Configured cameras' }).waitFor();
    await noSidewaysOverflow('cameras');
    await shot('09-cameras-375');
    await page.getByRole('button', { name: 'Add camera' }).click();
    await page.getByLabel('Camera type').selectOption('rtsp-hikvision');
    await noSidewaysOverflow('camera form');
    await shot('10-form-375');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  await check('delete a camera from the list', async () => {
    await page.getByRole('button', { name: 'Delete E2E unreachable' }).click();
    await page.getByRole('button', { name: 'Really delete E2E unreachable' }).click();
    await page.getByText('Camera “E2E unreachable” deleted.').waitFor({ timeout: 10_000 });
    added.splice(added.indexOf('z-e2e-unreachable'), 1);
  });

  await check('log out returns to the login page', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('User name').waitFor({ timeout: 10_000 });
  });

  const relevant = consoleErrors.filter((e) => !/favicon|Failed to load resource: the server responded with a status of (400|401|404|502)/.test(e));
  if (relevant.length) log(`     browser console errors: ${relevant.slice(0, 5).join(' | ')}`);
}

const limit = setTimeout(() => {
  log(`FAIL the run took longer than ${RUN_LIMIT_MS} ms`);
  process.exit(1);
}, RUN_LIMIT_MS);

try {
  await run();
} catch (e) {
  failures++;
  log(`FAIL unexpected: ${e.stack ?? e}`);
  if (page) await shot('FAIL-unexpected');
} finally {
  // Cleanup with a fresh login: the page may have logged out.
  if (page && added.length) {
    try {
      await page.request.post(BASE + '/api/login', { data: { username: USER, password: PASSWORD } });
      for (const id of added) {
        const r = await page.request.delete(`${BASE}/api/cameras/${id}`);
        log(`     cleanup: DELETE ${id} → ${r.status()}`);
      }
    } catch (e) {
      log(`     cleanup failed: ${e.message}`);
    }
  }
  if (browser) await browser.close().catch(() => {});
  clearTimeout(limit);
}
log(failures === 0 ? 'all checks passed' : `${failures} check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
