-- Run by the postgres image only when its data volume is first initialised
-- (as POSTGRES_USER, connected to POSTGRES_DB=postgres); later starts skip it.
-- Both databases belong to that role; docker-compose.yml sets it.

CREATE DATABASE sealdesk;

-- Synapse refuses to start on a database whose collation is not C: its sort
-- order and indexes depend on byte-wise comparison. template0, because
-- template1 may carry another locale.
CREATE DATABASE synapse ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
