-- Signed commits: whether an app deploys only signed commits, and whose signatures it accepts
-- (public keys, so in clear). Pinning: the commit a rollback pinned the app to. The history says
-- who asked for a sync. H2 and PostgreSQL.
ALTER TABLE apps ADD COLUMN require_signed_commits BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE apps ADD COLUMN allowed_signers VARCHAR(200000);
ALTER TABLE apps ADD COLUMN gpg_public_keys VARCHAR(200000);
ALTER TABLE apps ADD COLUMN pinned_commit VARCHAR(64);
ALTER TABLE deployments ADD COLUMN requested_by VARCHAR(200);
