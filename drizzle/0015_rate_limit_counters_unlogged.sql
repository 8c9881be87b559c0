-- Rate-limit counters are short-lived and worthless after a crash: no WAL for them (drizzle's
-- schema language cannot say UNLOGGED, hence this separate step). The table is empty here.
ALTER TABLE "rate_limit_counters" SET UNLOGGED;
