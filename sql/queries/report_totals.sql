-- the HTML report's headline counts
SELECT (SELECT count(*) FROM articles) AS a, (SELECT count(*) FROM events) AS e,
       (SELECT count(*) FROM quotes) AS q, (SELECT count(*) FROM metrics) AS m
