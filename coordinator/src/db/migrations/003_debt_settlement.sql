-- Debt settlement: a top-up of a customer who owes (debt:{customer} < 0) first pays the debt,
-- as a transfer customer:{id} → debt:{id} of kind 'debt_settle'.
ALTER TABLE transfers DROP CONSTRAINT transfers_kind_check;
ALTER TABLE transfers ADD CONSTRAINT transfers_kind_check
  CHECK (kind IN ('top_up', 'hold', 'burn', 'burn_debt', 'release', 'debt_settle'));
-- Customer statements find every hold of a customer, open or closed.
CREATE INDEX holds_customer ON holds (customer_id);
