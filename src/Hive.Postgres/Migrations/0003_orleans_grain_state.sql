-- Grain state (Orleans' ADO.NET grain persistence): one row per service, state name and grain key. Orleans passes the
-- state name as "GrainTypeString" and the key as two integers plus a string (the string key, or a key extension).
-- version is the ETag: a write or clear names the version it read, and one that names another version changes
-- nothing and returns NULL, which Orleans raises as InconsistentStateException.
CREATE TABLE hive_grain_state
(
    service_id      text        NOT NULL,
    state_name      text        NOT NULL,
    grain_id_n0     bigint      NOT NULL,
    grain_id_n1     bigint      NOT NULL,
    grain_key       text        NOT NULL,
    state_name_hash integer     NOT NULL,
    grain_id_hash   integer     NOT NULL,
    payload         bytea,
    version         integer     NOT NULL,
    modified_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, state_name, grain_id_n0, grain_id_n1, grain_key)
);

INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadFromStorageKey', $sql$
SELECT payload AS "PayloadBinary", version AS "Version"
FROM hive_grain_state
WHERE service_id = @ServiceId AND state_name = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_key = coalesce(@GrainIdExtensionString::text, '');
$sql$),

-- Exactly one row comes back: the new version, or NULL when the ETag did not match (a first write finding a row, or
-- a later write finding another version).
('WriteToStorageKey', $sql$
WITH changed AS (
    UPDATE hive_grain_state
    SET payload = @PayloadBinary, version = version + 1, modified_at = now()
    WHERE service_id = @ServiceId AND state_name = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_key = coalesce(@GrainIdExtensionString::text, '')
      AND version = @GrainStateVersion::integer
    RETURNING version),
created AS (
    INSERT INTO hive_grain_state (service_id, state_name, grain_id_n0, grain_id_n1, grain_key, state_name_hash,
                                  grain_id_hash, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, coalesce(@GrainIdExtensionString::text, ''),
           @GrainTypeHash, @GrainIdHash, @PayloadBinary, 1
    WHERE @GrainStateVersion::integer IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version)
SELECT (SELECT version FROM changed UNION ALL SELECT version FROM created LIMIT 1) AS "NewGrainStateVersion";
$sql$),

-- Clearing keeps the row (payload NULL) so that the version keeps counting up.
('ClearStorageKey', $sql$
WITH changed AS (
    UPDATE hive_grain_state
    SET payload = NULL, version = version + 1, modified_at = now()
    WHERE service_id = @ServiceId AND state_name = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_key = coalesce(@GrainIdExtensionString::text, '')
      AND version = @GrainStateVersion::integer
    RETURNING version),
created AS (
    INSERT INTO hive_grain_state (service_id, state_name, grain_id_n0, grain_id_n1, grain_key, state_name_hash,
                                  grain_id_hash, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, coalesce(@GrainIdExtensionString::text, ''),
           @GrainTypeHash, @GrainIdHash, NULL, 1
    WHERE @GrainStateVersion::integer IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version)
SELECT (SELECT version FROM changed UNION ALL SELECT version FROM created LIMIT 1) AS "NewGrainStateVersion";
$sql$),

-- Used when the storage is configured to delete on clear; returns the deleted version + 1, as Orleans expects.
('DeleteStorageKey', $sql$
WITH removed AS (
    DELETE FROM hive_grain_state
    WHERE service_id = @ServiceId AND state_name = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_key = coalesce(@GrainIdExtensionString::text, '')
      AND version = @GrainStateVersion::integer
    RETURNING version)
SELECT (SELECT version + 1 FROM removed) AS "NewGrainStateVersion";
$sql$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
