-- CustomerPotentialScoreView, written by hand for PostgreSQL (not generated).
-- Parameters, filled in by bench/views.py: {{as_of_text}} and {{window_start_text}} are the
-- as-of date and the window's first day as YYYY/MM/DD text, {{as_of}} the ISO date;
-- {{w_monetary}} ... {{w_visits}} are the view's weights.
--
-- What an expert who knows the data does: only the signals the score uses are computed
-- (no basket sizes, no last visit date, no Customer attributes): one scan of the purchases
-- to the as-of date (FILTER picks out the 90-day window, the last invoice date is over all
-- of it) and one scan of the window's visits (a range on the stored YYYY/MM/DD text, which
-- the index on CustomerVisit(VisitDate) can serve), both aggregated per (CustID, SCID);
-- dates parsed once per pair. The min-max scaling is a whole-result window (OVER ()) over
-- the ~50k pairs; divisions in double precision. Output names are quoted so they keep their
-- case.
WITH sales AS (
    SELECT CustID, SCID,
           count(*) FILTER (WHERE FactorDate >= '{{window_start_text}}') AS invoices,
           sum(Amount) FILTER (WHERE FactorDate >= '{{window_start_text}}') AS revenue,
           min(FactorDate) FILTER (WHERE FactorDate >= '{{window_start_text}}') AS first_in_window,
           max(FactorDate) AS last_invoice
    FROM Factor
    WHERE Status <> 'canceled' AND FactorDate <= '{{as_of_text}}'
    GROUP BY CustID, SCID
), visits AS (
    SELECT CustID, SCID, count(*) FILTER (WHERE HasOrder = 0) AS not_ordered
    FROM CustomerVisit
    WHERE VisitDate BETWEEN '{{window_start_text}}' AND '{{as_of_text}}'
    GROUP BY CustID, SCID
), signals AS (
    SELECT coalesce(s.CustID, v.CustID) AS cust_id,
           coalesce(s.SCID, v.SCID) AS sc_id,
           coalesce(s.revenue, 0)::double precision AS monetary,
           coalesce(s.invoices, 0) AS invoices,
           (to_date(s.last_invoice, 'YYYY/MM/DD') - to_date(s.first_in_window, 'YYYY/MM/DD'))::double precision
               / nullif(s.invoices - 1, 0) AS regularity,
           DATE '{{as_of}}' - to_date(s.last_invoice, 'YYYY/MM/DD') AS recency,
           coalesce(v.not_ordered, 0) AS not_ordered
    FROM sales s
    FULL JOIN visits v ON v.CustID = s.CustID AND v.SCID = s.SCID
    WHERE s.invoices > 0 OR v.CustID IS NOT NULL
), scored AS (
    SELECT cust_id, sc_id, monetary, recency,
           coalesce((monetary - min(monetary) OVER ()) / nullif(max(monetary) OVER () - min(monetary) OVER (), 0), 0)
               AS monetary_score,
           coalesce((invoices - min(invoices) OVER ())::double precision
               / nullif(max(invoices) OVER () - min(invoices) OVER (), 0), 0) AS frequency_score,
           coalesce((max(regularity) OVER () - regularity)
               / nullif(max(regularity) OVER () - min(regularity) OVER (), 0), 0) AS regularity_score,
           coalesce((max(recency) OVER () - recency)::double precision
               / nullif(max(recency) OVER () - min(recency) OVER (), 0), 0) AS recency_score,
           coalesce((max(not_ordered) OVER () - not_ordered)::double precision
               / nullif(max(not_ordered) OVER () - min(not_ordered) OVER (), 0), 0) AS visit_score
    FROM signals
)
SELECT cust_id AS "CustID", sc_id AS "SCID", monetary AS "Monetary", recency AS "RecencyDays",
       monetary_score AS "MonetaryScore", frequency_score AS "FrequencyScore",
       regularity_score AS "RegularityScore", recency_score AS "RecencyScore", visit_score AS "VisitScore",
       100 * ({{w_monetary}} * monetary_score + {{w_frequency}} * frequency_score
              + {{w_regularity}} * regularity_score + {{w_recency}} * recency_score + {{w_visits}} * visit_score)
           / ({{w_monetary}} + {{w_frequency}} + {{w_regularity}} + {{w_recency}} + {{w_visits}}) AS "PotentialIndex"
FROM scored
