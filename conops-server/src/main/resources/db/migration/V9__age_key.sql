-- An app's own age identities for its SOPS files, encrypted like the other credentials. H2 and PostgreSQL.
ALTER TABLE app_credentials ADD COLUMN age_key_enc VARCHAR(20000);
