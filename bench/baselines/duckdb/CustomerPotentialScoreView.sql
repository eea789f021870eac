-- CustomerPotentialScoreView, written by hand for DuckDB (not generated).
-- Parameters, filled in by bench/views.py: {{as_of_text}} and {{window_start_text}} are the
-- as-of date and the window's first day as YYYY/MM/DD text, {{as_of}} the ISO date;
-- {{w_monetary}} ... {{w_visits}} are the view's weights.
--
-- What an expert who knows the data does: only the signals the score uses are computed
-- (no basket sizes, no last visit date, no Customer attributes): one scan of the purchases
-- to the as-of date (FILTER picks out the 90-day window, the last invoice date is over all
-- of it) and one scan of the window's visits, both cut on the stored YYYY/MM/DD text and
-- aggregated per (CustID, SCID); dates parsed once per pair. The min-max scaling is a
-- whole-result window (OVER ()) over the ~50k pairs.
WITH sales AS (
    SELECT CustID, SCID,
           count(*) FILTER (WHERE FactorDate >= '{{window_start_text}}') AS CountFactor,
           sum(Amount) FILTER (WHERE FactorDate >= '{{window_start_text}}') AS revenue,
           min(FactorDate) FILTER (WHERE FactorDate >= '{{window_start_text}}') AS first_in_window,
           max(FactorDate) AS last_invoice
    FROM Factor
    WHERE Status <> 'canceled' AND FactorDate <= '{{as_of_text}}'
    GROUP BY CustID, SCID
), visits AS (
    SELECT CustID, SCID, count(*) FILTER (WHERE HasOrder = 0) AS CountNotOrder
    FROM CustomerVisit
    WHERE VisitDate BETWEEN '{{window_start_text}}' AND '{{as_of_text}}'
    GROUP BY CustID, SCID
), signals AS (
    SELECT coalesce(s.CustID, v.CustID) AS CustID,
           coalesce(s.SCID, v.SCID) AS SCID,
           coalesce(s.revenue, 0) AS Monetary,
           coalesce(s.CountFactor, 0) AS CountFactor,
           date_diff('day', strptime(s.first_in_window, '%Y/%m/%d'), strptime(s.last_invoice, '%Y/%m/%d'))
               / nullif(s.CountFactor - 1, 0) AS AveFactorFerq,
           date_diff('day', strptime(s.last_invoice, '%Y/%m/%d'), DATE '{{as_of}}') AS RecencyDays,
           coalesce(v.CountNotOrder, 0) AS CountNotOrder
    FROM sales s
    FULL JOIN visits v ON v.CustID = s.CustID AND v.SCID = s.SCID
    WHERE s.CountFactor > 0 OR v.CustID IS NOT NULL
), scored AS (
    SELECT CustID, SCID, Monetary, RecencyDays,
           coalesce((Monetary - min(Monetary) OVER ()) / nullif(max(Monetary) OVER () - min(Monetary) OVER (), 0), 0)
               AS MonetaryScore,
           coalesce((CountFactor - min(CountFactor) OVER ())
               / nullif(max(CountFactor) OVER () - min(CountFactor) OVER (), 0), 0) AS FrequencyScore,
           coalesce((max(AveFactorFerq) OVER () - AveFactorFerq)
               / nullif(max(AveFactorFerq) OVER () - min(AveFactorFerq) OVER (), 0), 0) AS RegularityScore,
           coalesce((max(RecencyDays) OVER () - RecencyDays)
               / nullif(max(RecencyDays) OVER () - min(RecencyDays) OVER (), 0), 0) AS RecencyScore,
           coalesce((max(CountNotOrder) OVER () - CountNotOrder)
               / nullif(max(CountNotOrder) OVER () - min(CountNotOrder) OVER (), 0), 0) AS VisitScore
    FROM signals
)
SELECT CustID, SCID, Monetary, RecencyDays, MonetaryScore, FrequencyScore, RegularityScore, RecencyScore, VisitScore,
       100 * ({{w_monetary}} * MonetaryScore + {{w_frequency}} * FrequencyScore + {{w_regularity}} * RegularityScore
              + {{w_recency}} * RecencyScore + {{w_visits}} * VisitScore)
           / ({{w_monetary}} + {{w_frequency}} + {{w_regularity}} + {{w_recency}} + {{w_visits}}) AS PotentialIndex
FROM scored
