-- Purchases carry lines: what the receipt listed, so a return can name the lines it takes back. A purchase without
-- lines has no rows here and works as before. Placed by member, co-located with its purchase (src/db/placement.ts):
-- the lines are written by the purchase's own ledger_earn call and updated by ledger_return, on the member's worker.
CREATE TABLE purchase_lines (
  member_id          text NOT NULL,
  purchase_id        text NOT NULL,
  -- The line's position in the request (0-based), so the purchase shows its lines in the order they were given.
  line_no            integer NOT NULL CHECK (line_no >= 0),
  sku                text NOT NULL,
  brand              text,
  category           text,
  quantity           bigint NOT NULL CHECK (quantity > 0),
  unit_price         bigint NOT NULL CHECK (unit_price >= 0),
  -- Minor units of the purchase's currency, before discounts; the lines of a purchase sum to its amount.
  amount             bigint NOT NULL CHECK (amount >= 0),
  -- Running totals of returns by line: returning every unit returns exactly the line's amount.
  returned_quantity  bigint NOT NULL DEFAULT 0 CHECK (returned_quantity >= 0 AND returned_quantity <= quantity),
  returned_amount    bigint NOT NULL DEFAULT 0 CHECK (returned_amount >= 0 AND returned_amount <= amount),
  PRIMARY KEY (member_id, purchase_id, line_no),
  FOREIGN KEY (member_id, purchase_id) REFERENCES purchases (member_id, id)
);
-- A return names a line by its sku: one line per sku in a purchase.
CREATE UNIQUE INDEX purchase_lines_sku_key ON purchase_lines (member_id, purchase_id, sku);
