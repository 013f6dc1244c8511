-- An app's own notification URLs (ciphertext of a JSON list: a URL usually carries a token), used
-- besides the global CONOPS_NOTIFY_URLS. H2 and PostgreSQL.
ALTER TABLE app_credentials ADD COLUMN notify_urls_enc VARCHAR(100000);
