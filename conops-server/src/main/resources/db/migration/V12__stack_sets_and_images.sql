-- Stack sets (issue 13): a parent app lists its stacks in a stacks file or finds them by a glob;
-- each stack is a child app that names its parent. H2 and PostgreSQL.
ALTER TABLE apps ADD COLUMN stacks_file VARCHAR(1024);
ALTER TABLE apps ADD COLUMN stacks_glob VARCHAR(1024);
ALTER TABLE apps ADD COLUMN parent VARCHAR(63);
CREATE INDEX apps_parent ON apps (parent);
-- When an app's images are pulled (always, missing, never); null follows CONOPS_PULL_POLICY.
ALTER TABLE apps ADD COLUMN pull_policy VARCHAR(16);
-- The images ConOps pulled itself (CONOPS_IMAGE_CLEANUP removes only these): the local image id a
-- pull brought, and the reference it was pulled as.
CREATE TABLE pulled_images (
    image_id VARCHAR(128) PRIMARY KEY,
    reference VARCHAR(1024) NOT NULL,
    pulled_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
