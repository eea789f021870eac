-- CustAssignToSellerView, written by hand for PostgreSQL (not generated).
-- Parameters, filled in by bench/views.py: {{as_of_text}} is the as-of date as YYYY/MM/DD text.
--
-- The latest assignment up to the as-of date per (CustID, SCID): DISTINCT ON keeps the first
-- row in (AssignDate, SellerID) descending order (a tie on the date goes to the higher
-- SellerID). The dates are zero-padded YYYY/MM/DD text, so the cut and the order use the
-- stored text and nothing is parsed. Output names are quoted so they keep their case.
SELECT DISTINCT ON (CustID, SCID)
    CustID AS "CustID",
    SCID AS "SCID",
    SellerID AS "SellerID",
    AssignDate AS "AssignDate"
FROM CustAssignToSeller
WHERE AssignDate <= '{{as_of_text}}'
ORDER BY CustID, SCID, AssignDate DESC, SellerID DESC
