"""Which plain-Python reference computes each view of the shipped catalog.

Every view the catalog ships must appear here; the differential test fails otherwise.
A reference takes the source tables, the as-of date and the view's parameters.
"""
from __future__ import annotations

import datetime
from typing import Callable

from tests.reference import customer_360, insights
from tests.reference import customer_intelligence as ci
from tests.reference import segmentation as seg
from tests.reference.customer_potential import customer_potential

Reference = Callable[[dict, datetime.date, dict], tuple[list[str], list[tuple]]]

REFERENCES: dict[str, Reference] = {
    "CustomerPotentialAnalyticsView":
        lambda tables, as_of, params: customer_potential(tables, as_of, params.get("window_days", 90)),
    "CustomerPotentialSignalsView": seg.customer_potential_signals,
    "VW_CUSTOMER_PROFILE_FIELDS": customer_360.profile_fields,
    "VW_CUSTOMER_PROFILES_REAL_FIELD_NAMES": customer_360.real_field_names,
    "VW_CUSTOMER_MARKETING_IMPACT": customer_360.marketing_impact,
    "VW_SENT_CAMPAIGNS": customer_360.sent_campaigns,
    "OrderFinancialSummaryView": ci.order_financial_summary,
    "OrderCollectionAnalyticsView": ci.order_collection_analytics,
    "OrderReturnSummaryView": ci.order_return_summary,
    "CustomerVisitLogsView": ci.customer_visit_logs,
    "SellerVisitPathCustomersView": ci.seller_visit_path_customers,
    "CustAssignToSellerView": ci.cust_assign_to_seller,
    "DeliveryOperationAnalyticsView": ci.delivery_operation_analytics,
    "CustomerPurchaseHistoryView": insights.purchase_history,
    "DailySalesOrdersView": insights.daily_sales_orders,
    "PurchaseSequenceView": insights.purchase_sequence,
    "CustomerCompositionView": insights.customer_composition,
    "CustomerQuarterlyPurchasesView": seg.customer_quarterly_purchases,
    "CustomerPurchaseDatesView": seg.customer_purchase_dates,
    "CustomerQuarterlyRFMView": seg.customer_quarterly_rfm,
    "CustomerSingleView": seg.customer_single,
    "CustomerWindowRevenueView": seg.customer_window_revenue,
    "CustomerABCClassView": seg.customer_abc_class,
    "CustomerPotentialScoreView": seg.customer_potential_score,
}
