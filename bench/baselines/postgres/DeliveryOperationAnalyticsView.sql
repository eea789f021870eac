-- DeliveryOperationAnalyticsView, written by hand for PostgreSQL (not generated).
-- Parameters, filled in by bench/views.py: {{as_of_text}} is the as-of date as YYYY/MM/DD text.
--
-- What an expert who knows the data does: deliveries reach their customer through the
-- invoice (Delivery -> Factor is many-to-one, so the join cannot fan out); PlannedDate and
-- DeliveredDate are zero-padded YYYY/MM/DD text, so the as-of cut and the on-time / late
-- comparisons are done on the text; dates are parsed only for the delay of delivered rows.
-- One scan of Delivery, one aggregation, the counts picked out with FILTER. Output names
-- are quoted so they keep their case.
SELECT
    f.CustID AS "CustID",
    count(*) AS "Deliveries",
    count(*) FILTER (WHERE d.Status = 'delivered' AND d.DeliveredDate <= d.PlannedDate) AS "DeliveredOnTime",
    count(*) FILTER (WHERE d.Status = 'delivered' AND d.DeliveredDate > d.PlannedDate) AS "DeliveredLate",
    count(*) FILTER (WHERE d.Status = 'failed') AS "FailedDeliveries",
    count(*) FILTER (WHERE d.Status IN ('pending', 'partial')) AS "PendingDeliveries",
    avg(to_date(d.DeliveredDate, 'YYYY/MM/DD') - to_date(d.PlannedDate, 'YYYY/MM/DD'))
        FILTER (WHERE d.Status = 'delivered')::double precision AS "AvgDeliveryDelayDays"
FROM Delivery d
JOIN Factor f ON f.FactorID = d.FactorID
WHERE d.PlannedDate <= '{{as_of_text}}' AND f.Status <> 'canceled'
GROUP BY f.CustID
