-- Receipts against the ledger (docs/verification.md "Receipts"): every burn of one customer's
-- leases in a period is listed to find those without a receipt. Burns are reached by lease
-- (burns_lease); the customer's leases needed a scan of every lease.
CREATE INDEX leases_customer ON leases (customer_id);
