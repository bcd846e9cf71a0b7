-- how an event is reported: asserted, negated, future, conditional or obliged ("must"), so that an
-- intention or a threat is not read as a fact
ALTER TABLE events ADD COLUMN IF NOT EXISTS mode VARCHAR;
