-- The table Orleans' ADO.NET providers read their SQL from at start-up. Its name and columns are the providers' fixed
-- contract ("SELECT QueryKey, QueryText FROM OrleansQuery"); unquoted, PostgreSQL folds them to lower case.
-- Later migrations add and replace rows; a row is one query the providers run, with @Name parameters.
CREATE TABLE orleansquery
(
    querykey  text PRIMARY KEY,
    querytext text NOT NULL
);
