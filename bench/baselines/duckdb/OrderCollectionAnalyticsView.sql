-- OrderCollectionAnalyticsView, written by hand for DuckDB (not generated).
-- Parameters, filled in by bench/views.py: {{as_of_text}} is the as-of date as YYYY/MM/DD text.
--
-- One scan of Collection and one aggregation per customer. The due and pay dates are
-- zero-padded YYYY/MM/DD text, so "on or before the as-of date" and "paid by the due date" are
-- text comparisons; only the payment delay needs dates, parsed for the installments paid by
-- then (a CASE: DuckDB evaluates an aggregate's FILTERed argument on every row, a CASE's THEN
-- only on the rows it selects). The WHERE keeps exactly the installments due or paid by the
-- as-of date, so the groups are the view's rows (InstallmentsDue > 0 or PaymentsMade > 0).
SELECT
    CustID AS "CustID",
    coalesce(sum(Amount) FILTER (WHERE DueDate <= '{{as_of_text}}'), 0) AS "BilledAmount",
    coalesce(sum(Amount) FILTER (WHERE PayDate <= '{{as_of_text}}'), 0) AS "CollectedAmount",
    coalesce(sum(Amount) FILTER (WHERE DueDate <= '{{as_of_text}}'
                                   AND (PayDate IS NULL OR PayDate > '{{as_of_text}}')), 0) AS "OutstandingAmount",
    coalesce(sum(Amount) FILTER (WHERE DueDate < '{{as_of_text}}'
                                   AND (PayDate IS NULL OR PayDate > '{{as_of_text}}')), 0) AS "OverdueAmount",
    avg(CASE WHEN PayDate <= '{{as_of_text}}'
             THEN date_diff('day', strptime(DueDate, '%Y/%m/%d'), strptime(PayDate, '%Y/%m/%d')) END)
        AS "AvgPaymentDelayDays",
    count(*) FILTER (WHERE PayDate <= '{{as_of_text}}' AND PayDate <= DueDate)
        / nullif(count(*) FILTER (WHERE PayDate <= '{{as_of_text}}'), 0) AS "OnTimePaymentShare"
FROM Collection
WHERE DueDate <= '{{as_of_text}}' OR PayDate <= '{{as_of_text}}'
GROUP BY CustID
