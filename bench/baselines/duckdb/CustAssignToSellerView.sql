-- CustAssignToSellerView, written by hand for DuckDB (not generated).
-- Parameters, filled in by bench/views.py: {{as_of_text}} is the as-of date as YYYY/MM/DD text.
--
-- One aggregation of the assignments up to the as-of date per (CustID, SCID): the seller of
-- the largest (AssignDate, SellerID) (a tie on the date goes to the higher SellerID) and the
-- largest date, both on the stored zero-padded YYYY/MM/DD text, so nothing is parsed.
SELECT
    CustID AS "CustID",
    SCID AS "SCID",
    arg_max(SellerID, (AssignDate, SellerID)) AS "SellerID",
    max(AssignDate) AS "AssignDate"
FROM CustAssignToSeller
WHERE AssignDate <= '{{as_of_text}}'
GROUP BY CustID, SCID
