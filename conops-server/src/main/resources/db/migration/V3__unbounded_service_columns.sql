-- What a sync records per service grows with the project (services, mounts), so these columns take
-- any length: VARCHAR without a length is unbounded on PostgreSQL and 10^9 characters on H2, the
-- same type Hibernate validates as before. Widening keeps every stored row as it is.
ALTER TABLE deployments ALTER COLUMN services SET DATA TYPE VARCHAR;
ALTER TABLE apps ALTER COLUMN deployed_services SET DATA TYPE VARCHAR;
