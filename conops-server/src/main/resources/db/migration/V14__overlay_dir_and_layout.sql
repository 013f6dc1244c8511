-- Per-host overlays (the folder whose <host name>/ overlays the repository root; '' for none) and
-- how the repository describes what runs (compose or homelab-gitops). H2 and PostgreSQL.
ALTER TABLE apps ADD COLUMN overlay_dir VARCHAR(255) DEFAULT 'hosts' NOT NULL;
ALTER TABLE apps ADD COLUMN layout VARCHAR(32) DEFAULT 'compose' NOT NULL;
