// check.mjs: loads pages in Debian's chromium through playwright-core and
// reports what a person would notice: a page that is not there, errors in
// the console, resources that do not load, a page wider than a phone, and
// (axe-core) serious or critical accessibility faults at a phone's width,
// light and dark.
//
//   node check.mjs BASE_URL ARTIFACT_DIR PATH...
//
// t/browser.t copies this file next to the node_modules it installs outside
// the source tree, as an import is looked up from the script's own folder.
// Prints one line per check, for t/browser.t to number as TAP:
//   ok<TAB>description
//   not ok<TAB>description
//   #<TAB>detail of the check above
// and writes every finding to ARTIFACT_DIR/browser.json.  Screenshots go to
// ARTIFACT_DIR/<name>-js.png, <name>-nojs.png and <name>-360.png.
//
// The profile: playwright starts chromium with a fresh --user-data-dir of
// its own under os.tmpdir(); t/browser.t sets TMPDIR to the test's folder so
// it is made (and removed) there.

import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ALLOWED_HOST, PHONE_WIDTH, TIMEOUT_MS, launch, out } from './chromium.mjs';
import { axeProblems } from './axe.mjs';

const [base, artifacts, ...paths] = process.argv.slice(2);
if (!base || !artifacts || paths.length === 0) {
	console.error('usage: node check.mjs BASE_URL ARTIFACT_DIR PATH...');
	process.exit(2);
}
mkdirSync(artifacts, { recursive: true });


// "/" -> index, "/history" -> history, "/history?from=2026-01" ->
// history-2026-01, "/incidents/1" -> incidents-1: the query's values (not
// its names) are appended.
function nameOf(path) {
	const u = new URL(path, 'http://x');
	const parts = u.pathname.split('/').filter(Boolean);
	for (const v of u.searchParams.values()) parts.push(v);
	const name = parts.join('-').replace(/[^A-Za-z0-9._-]+/g, '_');
	return name === '' ? 'index' : name;
}

// The width in pixels of a PNG, from its IHDR chunk.
function pngWidth(buf) {
	return buf.readUInt32BE(16);
}

// A context with the network fenced in, and a page that records what goes
// wrong on it.  Returns { context, page, log }.
async function openPage(browser, options, offHost, tag) {
	const context = await browser.newContext(options);
	context.setDefaultTimeout(TIMEOUT_MS);
	// Every request passes here: loopback goes on, anything else is aborted
	// and remembered, as the test must never leave the machine.
	await context.route('**/*', (route) => {
		const url = route.request().url();
		let host = '';
		try { host = new URL(url).hostname; } catch { /* not a URL */ }
		if (host === ALLOWED_HOST) return route.continue();
		offHost.push(`${url} (${tag})`);
		return route.abort('blockedbyclient');
	});
	const page = await context.newPage();
	const log = { console: [], pageErrors: [], failed: [], badStatus: [] };
	page.on('console', (m) => {
		if (m.type() !== 'error') return;
		// The document's own 404 shows as "Failed to load resource" too; the
		// status check reports that already, so it is not counted twice.
		const loc = m.location();
		if (mainUrl(page) && loc && loc.url === mainUrl(page) &&
			/^Failed to load resource/.test(m.text())) return;
		log.console.push(`${m.text()} (${loc ? `${loc.url}:${loc.lineNumber}` : '?'})`);
	});
	page.on('pageerror', (e) => log.pageErrors.push(String(e && e.stack || e)));
	page.on('requestfailed', (r) =>
		log.failed.push(`${r.url()}: ${r.failure() ? r.failure().errorText : 'failed'}`));
	page.on('response', (r) => {
		// Subresources only (stylesheet, icon, scripts...): the document's
		// status is a check of its own.
		if (r.request().isNavigationRequest() && r.frame() === page.mainFrame()) return;
		if (r.status() >= 400) log.badStatus.push(`${r.status()} ${r.url()}`);
	});
	return { context, page, log };
}

function mainUrl(page) {
	return page.__lanternUrl;
}

// Loads url and waits until the page and what it loads have settled.
async function load(page, url) {
	page.__lanternUrl = url;
	const response = await page.goto(url, { waitUntil: 'load' });
	// The favicon and late requests: give them a moment to finish or fail.
	await page.waitForLoadState('networkidle', { timeout: 3000 }).catch(() => {});
	return response;
}

function problems(log) {
	return [
		...log.console.map((s) => `console error: ${s}`),
		...log.pageErrors.map((s) => `page error: ${s}`),
		...log.failed.map((s) => `request failed: ${s}`),
		...log.badStatus.map((s) => `subresource status: ${s}`),
	];
}

const results = [];
const offHost = [];
let browser;
try {
	browser = await launch();

	for (const path of paths) {
		const url = new URL(path, base).href;
		const name = nameOf(path);
		const r = { path, name, url };
		results.push(r);

		// With JavaScript, at a desktop width.
		{
			const { context, page, log } = await openPage(browser,
				{ viewport: { width: 1280, height: 800 } }, offHost, `${path} with JavaScript`);
			try {
				const response = await load(page, url);
				r.status = response ? response.status() : null;
				await page.screenshot({ path: join(artifacts, `${name}-js.png`), fullPage: true });
				// Then at a phone's width: nothing may stick out sideways.
				await page.setViewportSize({ width: PHONE_WIDTH, height: 740 });
				r.scrollWidth360 = await page.evaluate(() => document.documentElement.scrollWidth);
				await page.screenshot({ path: join(artifacts, `${name}-360.png`), fullPage: true });
			} catch (e) {
				r.errorJs = String(e.message || e);
			} finally {
				r.js = log;
				await context.close();
			}
		}

		// Without JavaScript: the page must work as plain HTML and CSS.
		{
			const { context, page, log } = await openPage(browser,
				{ viewport: { width: 1280, height: 800 }, javaScriptEnabled: false }, offHost,
				`${path} without JavaScript`);
			try {
				const response = await load(page, url);
				r.statusNoJs = response ? response.status() : null;
				await page.screenshot({ path: join(artifacts, `${name}-nojs.png`), fullPage: true });
				// No evaluate without scripts: a full-page screenshot is as
				// wide as the document, so its width tells the same.
				await page.setViewportSize({ width: PHONE_WIDTH, height: 740 });
				const shot = await page.screenshot({ fullPage: true });
				r.shotWidth360NoJs = pngWidth(shot);
				// The uptime bars, drawn by CSS alone: at the narrowest
				// width every day shows.  A cell is a day, or a run of
				// days alike (class sN: N days) with one tooltip for the
				// run; it takes a day's width for each day it covers, and
				// its background repeats once a day, so a visitor still
				// sees a tick a day.
				r.bars = await page.evaluate(() => [...document.querySelectorAll('.uptime-bar')].map((bar) => {
					const cells = [...bar.children];
					const span = (c) => Number((c.className.match(/\bs(\d+)\b/) || [0, 1])[1]);
					const days = cells.reduce((n, c) => n + span(c), 0);
					const pitch = bar.getBoundingClientRect().width / days;
					return {
						label: bar.getAttribute('aria-label'),
						group: bar.closest('.group') !== null,
						days,
						cells: cells.length,
						shown: cells.filter((c) => {
							const box = c.getBoundingClientRect();
							const style = getComputedStyle(c);
							return Math.abs(box.width - span(c) * pitch) <= 1 && box.height >= 20 &&
								/gradient\(/.test(style.backgroundImage) &&
								Math.abs(parseFloat(style.backgroundSize) * span(c) - 100) < 0.01;
						}).length,
						titled: cells.filter((c) => (span(c) === 1 ?
							/^[A-Z][a-z]{2} \d+, \d{4}\n\S/ :
							/^[A-Z][a-z]{2} \d+(, \d{4})? \u2013 [A-Z][a-z]{2} \d+, \d{4}\n(No downtime|No data)$/).test(c.title || '')).length,
						inside: cells.every((c) => c.getBoundingClientRect().right <= bar.getBoundingClientRect().right + 0.5),
					};
				}));
			} catch (e) {
				r.errorNoJs = String(e.message || e);
			} finally {
				r.nojs = log;
				await context.close();
			}
		}

		const p = path;
		out(r.status === 200, `GET ${p} in the browser is 200`,
			r.status === 200 ? [] : [`status: ${r.status}${r.errorJs ? `; ${r.errorJs}` : ''}`]);
		const jsProblems = [...(r.errorJs ? [`load: ${r.errorJs}`] : []), ...problems(r.js)];
		out(jsProblems.length === 0,
			`${p} with JavaScript: no console errors, page errors, failed or >= 400 subresources`,
			jsProblems);
		const nojsProblems = [...(r.errorNoJs ? [`load: ${r.errorNoJs}`] : []), ...problems(r.nojs)];
		out(nojsProblems.length === 0 && r.statusNoJs === 200,
			`${p} without JavaScript: 200, no console errors, failed or >= 400 subresources`,
			[...(r.statusNoJs === 200 ? [] : [`status: ${r.statusNoJs}`]), ...nojsProblems]);
		const wideJs = !(typeof r.scrollWidth360 === 'number' && r.scrollWidth360 <= PHONE_WIDTH);
		out(!wideJs, `${p} at ${PHONE_WIDTH} px: no horizontal scrolling (with JavaScript)`,
			wideJs ? [`document.documentElement.scrollWidth = ${r.scrollWidth360}`] : []);
		if (/^\/(groups\/\d+)?$/.test(new URL(url).pathname)) {
			// A group's bar on / is colour alone: its page tells each day.
			const bars = r.bars || [];
			const bad = bars.filter((b) => b.days !== 90 || b.shown !== b.cells ||
				b.titled !== (b.group ? 0 : b.cells) || !b.inside || !b.label);
			out(bars.length > 0 && bad.length === 0,
				`${p} without JavaScript at ${PHONE_WIDTH} px: every uptime bar shows 90 days, a component's a tooltip for a day or a run of days`,
				[`${bars.length} bars`, ...bad.map((b) => JSON.stringify(b))]);
		}
		const wideNoJs = !(typeof r.shotWidth360NoJs === 'number' && r.shotWidth360NoJs <= PHONE_WIDTH);
		out(!wideNoJs, `${p} at ${PHONE_WIDTH} px: no horizontal scrolling (without JavaScript)`,
			wideNoJs ? [`full-page screenshot width = ${r.shotWidth360NoJs}`] : []);
		for (const scheme of ['light', 'dark']) {
			const found = await axeProblems(browser, url, scheme);
			out(found.length === 0,
				`${p} at ${PHONE_WIDTH} px, ${scheme}: axe finds no serious or critical violation`,
				found);
		}
	}
	out(offHost.length === 0, `no request left ${ALLOWED_HOST}`,
		offHost.map((u) => `blocked: ${u}`));
} catch (e) {
	// The browser did not start or broke down: one failure that says why.
	out(false, 'chromium runs the checks', [String(e && e.stack || e)]);
} finally {
	// Always close chromium, whatever happened above.
	if (browser) await browser.close().catch(() => {});
	writeFileSync(join(artifacts, 'browser.json'), JSON.stringify({ base, results, offHost }, null, 2));
}
// 0 whenever the findings were printed, failed checks included: t/browser.t
// counts a non-zero exit (a crash, its time limit) as a failure of its own.
process.exit(0);
