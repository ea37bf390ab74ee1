#!/bin/bash
# Run once by the postgres image on an empty data directory (/docker-entrypoint-initdb.d): the metadata registry's
# role (metadata_registry.postgres_user), allowed to create its database pipeline_metadata on first delivery.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v password="${METADATA_SERVICE_PASSWORD:?}" <<'SQL'
CREATE ROLE metadata_service LOGIN CREATEDB PASSWORD :'password';
SQL
