-- The engine an app runs on (null: ConOps' own DOCKER_HOST), and the SSH key for an ssh:// engine
-- (ciphertext, like the other credentials). H2 and PostgreSQL.
ALTER TABLE apps ADD COLUMN docker_host VARCHAR(1000);
ALTER TABLE app_credentials ADD COLUMN docker_ssh_key_enc VARCHAR(32000);
