-- A client order ID is recorded as an order ('Order': accepted and sent to the broker) at most once per account. The
-- gateway records the order before it sends it, so this index is the claim that keeps one logical order from reaching a
-- broker twice when two gateway activations in two processes both believe they hold the account (a silo paused or cut
-- off while the cluster moved its grains): the second record fails and that gateway does not send the order.
CREATE UNIQUE INDEX hive_ledger_one_order_per_id ON hive_ledger (account, client_order_id) WHERE kind = 'Order';
