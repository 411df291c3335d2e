// chromium.mjs: what check.mjs and manage.mjs share: Debian's chromium
// started for a closed network, the report lines t/browser.t numbers, and
// the width and time limits pages are held to.

import { chromium } from 'playwright-core';

export const PHONE_WIDTH = 360;
export const TIMEOUT_MS = 15000;
// Only the test's own servers may be reached.
export const ALLOWED_HOST = '127.0.0.1';

// One check: "ok<TAB>desc" or "not ok<TAB>desc", then "#<TAB>detail" lines.
export function out(ok, desc, details = []) {
	console.log(`${ok ? 'ok' : 'not ok'}\t${desc}`);
	for (const d of details) console.log(`#\t${String(d).replace(/\s+/g, ' ').slice(0, 400)}`);
}

// Chromium, headless, from LANTERN_CHROMIUM or Debian's path.
export function launch() {
	return chromium.launch({
		executablePath: process.env.LANTERN_CHROMIUM || '/usr/bin/chromium',
		headless: true,
		timeout: 30000,
		// The flags that keep chromium from calling home on this closed
		// network; playwright adds --headless and its own --user-data-dir.
		args: [
			'--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update',
			'--disable-sync',
		],
	});
}
