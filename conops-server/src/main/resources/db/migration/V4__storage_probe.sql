-- One row that ConOps rewrites to confirm the database takes writes again after a storage failure:
-- H2 reopened on a full disk answers reads, and closes itself again at the first write.
CREATE TABLE storage_probe (id INT PRIMARY KEY, checked_at TIMESTAMP);
INSERT INTO storage_probe (id, checked_at) VALUES (1, CURRENT_TIMESTAMP);
