-- Where an app runs: COMPOSE (docker compose up) or SWARM (docker stack deploy). H2 and PostgreSQL.
ALTER TABLE apps ADD COLUMN target VARCHAR(16) DEFAULT 'COMPOSE' NOT NULL;
