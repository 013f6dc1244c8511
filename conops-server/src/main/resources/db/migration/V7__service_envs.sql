-- An app's service_envs: the name -> value map as one ciphertext (like the other credentials), and
-- the names alone in clear, which the API shows. H2 and PostgreSQL.
ALTER TABLE app_credentials ADD COLUMN service_envs_enc VARCHAR(1000000);
ALTER TABLE app_credentials ADD COLUMN service_env_keys VARCHAR(20000);
