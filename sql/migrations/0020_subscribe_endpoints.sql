-- 0020_subscribe_endpoints.sql: visitors may subscribe a webhook or a chat's incoming webhook from
-- the public page, confirmed like an e-mail (the confirmation is posted to it).  Their sign-ups an
-- hour are counted per host of the URL, so the form cannot flood one receiver with confirmations.
-- Run by lanternctl migrate inside one transaction; it must not contain BEGIN/COMMIT.

ALTER TABLE subscribe_attempts DROP CONSTRAINT subscribe_attempts_kind_check;
ALTER TABLE subscribe_attempts ADD CONSTRAINT subscribe_attempts_kind_check
    CHECK (kind IN ('email', 'client', 'host'));
