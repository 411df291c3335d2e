-- 0004_notice_index.sql: the history reads notices by the month they began, whatever their kind.
-- Incidents begin at started_at, maintenance at scheduled_for; one expression index serves both,
-- so a page of history costs the same after ten years as after one.
CREATE INDEX incidents_page_began ON incidents (page_id, (coalesce(started_at, scheduled_for)) DESC, id DESC);
