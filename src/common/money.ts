/**
 * The largest money amount accepted in input. Money is stored as numeric(18,2), which holds
 * less than 10^16; a larger value would fail in Postgres ("numeric field overflow") and
 * surface as INTERNAL_SERVER_ERROR, so inputs check it first and answer BAD_USER_INPUT.
 */
export const MAX_MONEY = 1e15;
