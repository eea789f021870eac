-- VW_CUSTOMER_PROFILE_FIELDS by hand: the field mapping as a constant table.
SELECT * FROM (VALUES
    ('STR1', 'COUNTRY', 'string', 'Country of the customer''s primary address.'),
    ('STR2', 'LIFECYCLE_STAGE', 'string', 'Lifecycle stage on the profile date (new, active, churning, ...).'),
    ('STR3', 'PREFERRED_CHANNEL', 'string', 'Channel the customer responds to best.'),
    ('STR12', 'CUSTOMER_TIER', 'string', 'Loyalty tier on the profile date.'),
    ('FIELD1', 'ECOM_TOTAL_GROSS_SALES_AMOUNT', 'number', 'Lifetime online gross sales amount.'),
    ('FIELD2', 'ECOM_TOTAL_NET_SALES_AMOUNT', 'number', 'Lifetime online net sales amount (after refunds).'),
    ('FIELD3', 'ECOM_TOTAL_REFUND_AMOUNT', 'number', 'Lifetime online refund amount.'),
    ('FIELD4', 'ECOM_NUMBER_OF_ORDER_DAYS', 'number', 'Lifetime number of distinct days with an online order.'),
    ('FIELD5', 'ECOM_NUMBER_OF_ORDERS', 'number', 'Lifetime number of online orders.'),
    ('FIELD6', 'NUMBEROFCAMPAIGNS_1M', 'number', 'Campaigns sent in the last month.'),
    ('FIELD7', 'ECOM_TOTAL_GROSS_SALES_AMOUNT_1M', 'number', 'Online gross sales amount in the last month.'),
    ('FIELD8', 'ECOM_TOTAL_NET_SALES_AMOUNT_1M', 'number', 'Online net sales amount in the last month.'),
    ('FIELD9', 'ECOM_TOTAL_REFUND_AMOUNT_1M', 'number', 'Online refund amount in the last month.'),
    ('FIELD10', 'ECOM_NUMBER_OF_ORDER_DAYS_1M', 'number', 'Distinct days with an online order in the last month.'),
    ('FIELD11', 'ECOM_NUMBER_OF_ORDERS_1M', 'number', 'Online orders in the last month.'),
    ('FIELD153', 'LIFETIME_VALUE', 'number', 'Predicted lifetime value of the customer.')
) AS fields ("FIELD_NAME", "ALIAS_FIELD_NAME", "FIELD_TYPE", "DESCRIPTION")
