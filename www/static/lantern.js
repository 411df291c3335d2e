// lantern.js: shows each time in the reader's own zone as well.
// Optional by design: the page says everything without it.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
	var fmt;
	try {
		fmt = new Intl.DateTimeFormat(undefined, {
			dateStyle: "medium", timeStyle: "short"
		});
	} catch (e) {
		return;
	}
	document.querySelectorAll("time[datetime*='T']").forEach(function (t) {
		var d = new Date(t.getAttribute("datetime"));
		if (isNaN(d)) {
			return;
		}
		t.title = fmt.format(d) + " (your time)";
	});
});
