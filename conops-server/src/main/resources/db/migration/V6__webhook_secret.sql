-- An app's own webhook secret (ciphertext, like the other credentials); without one the global
-- CONOPS_WEBHOOK_SECRET verifies its deliveries. H2 and PostgreSQL.
ALTER TABLE app_credentials ADD COLUMN webhook_secret_enc VARCHAR(8000);
