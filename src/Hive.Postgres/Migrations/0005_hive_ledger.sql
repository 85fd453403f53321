-- Hive's ledger: orders, fills, denials, fencing rejections, broker rejections and control events, append-only.
-- sequence is assigned here from hive_ledger_head inside the appending statement: the counter row is locked until the
-- statement commits, so sequences are gap-free (a refused append rolls its increment back) and a reader never sees a
-- later sequence before an earlier one is committed.
CREATE TABLE hive_ledger_head
(
    id            boolean PRIMARY KEY DEFAULT true CHECK (id),
    last_sequence bigint  NOT NULL
);

INSERT INTO hive_ledger_head (id, last_sequence) VALUES (true, 0);

CREATE TABLE hive_ledger
(
    sequence        bigint      PRIMARY KEY,
    -- Names one AppendAsync call; a retried append that did commit is found by it instead of being stored twice.
    append_id       uuid        NOT NULL UNIQUE,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    timestamp_ms    bigint      NOT NULL,
    kind            text        NOT NULL
        CHECK (kind IN ('Order', 'Fill', 'Denial', 'Fenced', 'Rejection', 'Control')),
    account         text        NOT NULL,
    runner_id       text,
    client_order_id text,
    symbol          text,
    side            text,
    quantity        numeric,
    price           numeric,
    fee             numeric,
    detail          text,
    CONSTRAINT hive_ledger_fill_names_order CHECK (kind <> 'Fill' OR client_order_id IS NOT NULL)
);

-- A client order ID is filled at most once per account. An order also has its 'Order' (accepted) entry, and may have
-- denials or fencing rejections when a runner resends it, so only fills are unique.
CREATE UNIQUE INDEX hive_ledger_one_fill_per_order ON hive_ledger (account, client_order_id) WHERE kind = 'Fill';

-- Append-only for every role, the table's owner included (a REVOKE would not bind the owner, which is the role Hive
-- migrates and appends with): updates, deletes and truncation fail.
CREATE FUNCTION hive_ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION 'hive_ledger is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$fn$;

CREATE TRIGGER hive_ledger_append_only
    BEFORE UPDATE OR DELETE ON hive_ledger
    FOR EACH ROW EXECUTE FUNCTION hive_ledger_refuse_change();

CREATE TRIGGER hive_ledger_no_truncate
    BEFORE TRUNCATE ON hive_ledger
    FOR EACH STATEMENT EXECUTE FUNCTION hive_ledger_refuse_change();
