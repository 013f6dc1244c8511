-- Credentials of private repositories and registries. Secrets are stored only as ciphertext
-- (SecretCipher tokens: "v1:<key id>:<base64>"); VARCHAR so H2 and PostgreSQL agree.
ALTER TABLE apps ADD COLUMN deploy_key_enc VARCHAR(20000);
ALTER TABLE apps ADD COLUMN repo_token_enc VARCHAR(8000);
ALTER TABLE apps ADD COLUMN repo_username VARCHAR(255);
-- JSON list of {"registry", "username", "password": <ciphertext>}
ALTER TABLE apps ADD COLUMN registry_auth VARCHAR(100000);
ALTER TABLE apps ADD COLUMN image_updates BOOLEAN DEFAULT FALSE NOT NULL;
