-- The TLS material of an app's tcp:// engine: ciphertext of a JSON object with the CA, the client
-- certificate and its key (PEM), like the other credentials. H2 and PostgreSQL.
ALTER TABLE app_credentials ADD COLUMN docker_tls_enc VARCHAR(100000);
