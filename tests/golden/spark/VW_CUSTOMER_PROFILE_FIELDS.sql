CREATE OR REPLACE VIEW `VW_CUSTOMER_PROFILE_FIELDS` AS
SELECT
  'STR1' AS `FIELD_NAME`,
  'COUNTRY' AS `ALIAS_FIELD_NAME`,
  'string' AS `FIELD_TYPE`,
  'Country of the customer\'s primary address.' AS `DESCRIPTION`
UNION ALL
SELECT
  'STR2' AS `FIELD_NAME`,
  'LIFECYCLE_STAGE' AS `ALIAS_FIELD_NAME`,
  'string' AS `FIELD_TYPE`,
  'Lifecycle stage on the profile date (new, active, churning, ...).' AS `DESCRIPTION`
UNION ALL
SELECT
  'STR3' AS `FIELD_NAME`,
  'PREFERRED_CHANNEL' AS `ALIAS_FIELD_NAME`,
  'string' AS `FIELD_TYPE`,
  'Channel the customer responds to best.' AS `DESCRIPTION`
UNION ALL
SELECT
  'STR12' AS `FIELD_NAME`,
  'CUSTOMER_TIER' AS `ALIAS_FIELD_NAME`,
  'string' AS `FIELD_TYPE`,
  'Loyalty tier on the profile date.' AS `DESCRIPTION`
UNION ALL
SELECT
  'FIELD1' AS `FIELD_NAME`,
  'ECOM_TOTAL_GROSS_SALES_AMOUNT' AS `ALIAS_FIELD_NAME`,
  'number' AS `FIELD_TYPE`,
  'Lifetime online gross sales amount.' AS `DESCRIPTION`
UNION ALL
SELECT
  'FIELD2' AS `FIELD_NAME`,
  'ECOM_TOTAL_NET_SALES_AMOUNT' AS `ALIAS_FIELD_NAME`,
  'number' AS `FIELD_TYPE`,
  'Lifetime online net sales amount (after refunds).' AS `DESCRIPTION`
UNION ALL
SELECT
  'FIELD3' AS `FIELD_NAME`,
  'ECOM_TOTAL_REFUND_AMOUNT' AS `ALIAS_FIELD_NAME`,
  'number' AS `FIELD_TYPE`,
  'Lifetime online refund amount.' AS `DESCRIPTION`
UNION ALL
SELECT
  'FIELD4' AS `FIELD_NAME`,
  'ECOM_NUMBER_OF_ORDER_DAYS' AS `ALIAS_FIELD_NAME`,
  'number' AS `FIELD_TYPE`,
  'Lifetime number of distinct days with an online order.' AS `DESCRIPTION`
UNION ALL
SELECT
  'FIELD5' AS `FIELD_NAME`,
  'ECOM_NUMBER_OF_ORDERS' AS `ALIAS_FIELD_NAME`,
  'number' AS `FIELD_TYPE`,
  'Lifetime number of online orders.' AS `DESCRIPTION`
UNION ALL
SELECT
  'FIELD6' AS `FIELD_NAME`,
  'NUMBEROFCAMPAIGNS_1M' AS `ALIAS_FIELD_NAME`,
  'number' AS `FIELD_TYPE`,
  'Campaigns sent in the last month.' AS `DESCRIPTION`
UNION ALL
SELECT
  'FIELD7' AS `FIELD_NAME`,
  'ECOM_TOTAL_GROSS_SALES_AMOUNT_1M' AS `ALIAS_FIELD_NAME`,
  'number' AS `FIELD_TYPE`,
  'Online gross sales amount in the last month.' AS `DESCRIPTION`
UNION ALL
SELECT
  'FIELD8' AS `FIELD_NAME`,
  'ECOM_TOTAL_NET_SALES_AMOUNT_1M' AS `ALIAS_FIELD_NAME`,
  'number' AS `FIELD_TYPE`,
  'Online net sales amount in the last month.' AS `DESCRIPTION`
UNION ALL
SELECT
  'FIELD9' AS `FIELD_NAME`,
  'ECOM_TOTAL_REFUND_AMOUNT_1M' AS `ALIAS_FIELD_NAME`,
  'number' AS `FIELD_TYPE`,
  'Online refund amount in the last month.' AS `DESCRIPTION`
UNION ALL
SELECT
  'FIELD10' AS `FIELD_NAME`,
  'ECOM_NUMBER_OF_ORDER_DAYS_1M' AS `ALIAS_FIELD_NAME`,
  'number' AS `FIELD_TYPE`,
  'Distinct days with an online order in the last month.' AS `DESCRIPTION`
UNION ALL
SELECT
  'FIELD11' AS `FIELD_NAME`,
  'ECOM_NUMBER_OF_ORDERS_1M' AS `ALIAS_FIELD_NAME`,
  'number' AS `FIELD_TYPE`,
  'Online orders in the last month.' AS `DESCRIPTION`
UNION ALL
SELECT
  'FIELD153' AS `FIELD_NAME`,
  'LIFETIME_VALUE' AS `ALIAS_FIELD_NAME`,
  'number' AS `FIELD_TYPE`,
  'Predicted lifetime value of the customer.' AS `DESCRIPTION`;
