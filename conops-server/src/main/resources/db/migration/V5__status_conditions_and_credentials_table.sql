-- Credentials get a table of their own (spec, status and secrets are separate things); the
-- conditions that hold for an app and its self-heal streak join its status. H2 and PostgreSQL.
CREATE TABLE app_credentials (
    app_id          UUID NOT NULL PRIMARY KEY REFERENCES apps (id) ON DELETE CASCADE,
    deploy_key_enc  VARCHAR(20000),
    repo_token_enc  VARCHAR(8000),
    repo_username   VARCHAR(255),
    registry_auth   VARCHAR(100000)
);

INSERT INTO app_credentials (app_id, deploy_key_enc, repo_token_enc, repo_username, registry_auth)
SELECT id, deploy_key_enc, repo_token_enc, repo_username, registry_auth FROM apps;

ALTER TABLE apps DROP COLUMN deploy_key_enc;
ALTER TABLE apps DROP COLUMN repo_token_enc;
ALTER TABLE apps DROP COLUMN repo_username;
ALTER TABLE apps DROP COLUMN registry_auth;

ALTER TABLE apps ADD COLUMN conditions VARCHAR(20000);
ALTER TABLE apps ADD COLUMN heal_streak VARCHAR(10000);
