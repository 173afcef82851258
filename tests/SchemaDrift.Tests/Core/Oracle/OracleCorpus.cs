namespace SchemaDrift.Tests.Core.Oracle;

/// <summary>
/// The oracle corpus: queries an application might send to the shared schema
/// (<see cref="OracleSchema"/>), valid and broken, written for this project. Which ones
/// are broken is not written down here: each engine decides. One query a line,
/// "engines|sql", engines being * (all) or a comma list of pg, my, lite.
/// </summary>
internal static class OracleCorpus
{
    public const string Text = """
        # ---------------------------------------------------------------- plain SELECT
        *|SELECT id, email FROM users
        *|SELECT * FROM users WHERE id = 1
        *|SELECT u.id, u.email FROM users u
        *|SELECT u.id, u.email FROM users AS u WHERE u.display_name IS NULL
        *|SELECT count(*) FROM orders
        *|SELECT user_id, count(*) FROM orders GROUP BY user_id
        *|SELECT user_id, sum(total) AS s FROM orders GROUP BY user_id HAVING sum(total) > 100
        *|SELECT id FROM products ORDER BY price DESC
        *|SELECT id, name FROM products WHERE NOT discontinued
        *|SELECT DISTINCT user_id FROM orders
        *|SELECT id, email FROM users ORDER BY created_at DESC LIMIT 10
        *|SELECT id FROM users LIMIT 10 OFFSET 20
        *|SELECT id, email, display_name, created_at, is_admin FROM users
        *|SELECT users.id, users.email FROM users
        *|SELECT id FROM users WHERE email LIKE '%@example.com'
        *|SELECT id FROM users WHERE display_name IS NOT NULL AND email <> ''
        *|SELECT id FROM products WHERE price BETWEEN 10 AND 20
        *|SELECT id FROM products WHERE category_id IN (1, 2, 3)
        *|SELECT id FROM products WHERE category_id NOT IN (1, 2)
        *|SELECT max(price), min(price), avg(price) FROM products
        *|SELECT CASE WHEN price > 100 THEN 'expensive' ELSE 'cheap' END AS band FROM products
        *|SELECT coalesce(display_name, email) AS shown FROM users
        *|SELECT lower(email), upper(display_name) FROM users
        *|SELECT id, length(body) FROM reviews
        *|SELECT 1
        *|SELECT 1 + 2 AS three
        *|SELECT count(DISTINCT user_id) FROM orders
        *|SELECT product_id, sum(quantity * unit_price) AS revenue FROM order_items GROUP BY product_id ORDER BY revenue DESC
        # ---------------------------------------------------------------- missing tables
        *|SELECT id FROM customers
        *|SELECT * FROM userz
        *|SELECT id FROM product
        *|SELECT id FROM order_item
        *|SELECT o.id FROM orders o JOIN customer c ON c.id = o.user_id
        *|SELECT id FROM invoices WHERE total > 0
        *|SELECT count(*) FROM review
        *|SELECT * FROM categorie
        *|SELECT id FROM users WHERE id IN (SELECT user_id FROM purchases)
        *|SELECT u.id FROM users u WHERE EXISTS (SELECT 1 FROM sessions s WHERE s.user_id = u.id)
        *|INSERT INTO customers (email) VALUES ('a@b.c')
        *|UPDATE customer SET email = 'x' WHERE id = 1
        *|DELETE FROM carts WHERE id = 1
        *|SELECT id FROM active_user
        *|SELECT * FROM order_total
        # ---------------------------------------------------------------- missing columns
        *|SELECT username FROM users
        *|SELECT id, name FROM users
        *|SELECT email FROM orders
        *|SELECT id FROM users WHERE mail = 'x'
        *|SELECT id FROM users ORDER BY nme
        *|SELECT user_id, count(*) FROM orders GROUP BY usr_id
        *|SELECT id FROM products WHERE price > 10 AND stock > 0
        *|SELECT sku, title FROM products
        *|SELECT id, created FROM orders
        *|SELECT id FROM orders WHERE shipped_on IS NULL
        *|SELECT rating, comment FROM reviews
        *|SELECT quantity, price FROM order_items
        *|SELECT id FROM categories WHERE parent = 1
        *|SELECT sum(amount) FROM orders
        *|SELECT displayName FROM users
        *|SELECT display_nam FROM users
        *|SELECT createdat FROM users
        *|SELECT id FROM users WHERE isadmin
        *|SELECT user_id, count(*) FROM orders GROUP BY user_id HAVING sum(totl) > 1
        *|SELECT max(prices) FROM products
        *|SELECT CASE WHEN rating > 3 THEN bodyy END FROM reviews
        *|SELECT coalesce(nickname, email) FROM users
        # ---------------------------------------------------------------- qualifiers
        *|SELECT o.id, u.email FROM orders o JOIN users u ON u.id = o.user_id
        *|SELECT o.email FROM orders o JOIN users u ON u.id = o.user_id
        *|SELECT u.total FROM orders o JOIN users u ON u.id = o.user_id
        *|SELECT o.id FROM orders o JOIN users u ON u.id = o.userid
        *|SELECT o.id FROM orders o JOIN users u ON u.uid = o.user_id
        *|SELECT x.id FROM users u
        *|SELECT users.id FROM users u
        *|SELECT u.id FROM users
        *|SELECT orders.id, users.email FROM orders JOIN users ON users.id = orders.user_id
        *|SELECT orders.email FROM orders JOIN users ON users.id = orders.user_id
        *|SELECT p.name, c.name FROM products p LEFT JOIN categories c ON c.id = p.category_id
        *|SELECT p.name, c.title FROM products p LEFT JOIN categories c ON c.id = p.category_id
        *|SELECT p.name, c.name FROM products p LEFT JOIN categories c ON c.id = p.categoryid
        *|SELECT oi.quantity, p.sku FROM order_items oi JOIN products p ON p.id = oi.product_id
        *|SELECT oi.qty, p.sku FROM order_items oi JOIN products p ON p.id = oi.product_id
        *|SELECT oi.quantity, p.skus FROM order_items oi JOIN products p ON p.id = oi.product_id
        *|SELECT o.id, oi.product_id, p.name FROM orders o JOIN order_items oi ON oi.order_id = o.id JOIN products p ON p.id = oi.product_id
        *|SELECT o.id, oi.product_id, p.name FROM orders o JOIN order_items oi ON oi.order_id = o.id JOIN products p ON p.id = oi.productid
        *|SELECT o.id FROM orders o JOIN order_items oi ON oi.order_id = o.id JOIN products p ON p.id = oi.product_id WHERE p.discontinued_at IS NULL
        *|SELECT u.email, r.rating FROM users u JOIN reviews r ON r.user_id = u.id WHERE r.rating >= 4
        *|SELECT u.email, r.stars FROM users u JOIN reviews r ON r.user_id = u.id
        *|SELECT c.name, parent.name FROM categories c LEFT JOIN categories parent ON parent.id = c.parent_id
        *|SELECT c.name, parent.title FROM categories c LEFT JOIN categories parent ON parent.id = c.parent_id
        *|SELECT u.id FROM users u CROSS JOIN categories c
        *|SELECT u.id, c.nam FROM users u CROSS JOIN categories c
        *|SELECT id FROM orders o WHERE o.total > 10
        *|SELECT email FROM users u JOIN orders o ON o.user_id = u.id
        *|SELECT total FROM users u JOIN orders o ON o.user_id = u.id
        *|SELECT u.id FROM users u JOIN orders o USING (id)
        *|SELECT * FROM orders JOIN order_items ON order_items.order_id = orders.id
        *|SELECT * FROM orders JOIN order_items ON order_item.order_id = orders.id
        *|SELECT u.id FROM users u, orders o WHERE o.user_id = u.id
        *|SELECT u.id FROM users u, orders o WHERE o.usr = u.id
        *|SELECT u.id FROM users u LEFT OUTER JOIN orders o ON o.user_id = u.id WHERE o.id IS NULL
        # ---------------------------------------------------------------- aliases
        *|SELECT email AS e FROM users ORDER BY e
        *|SELECT email AS e FROM users WHERE e = 'x'
        *|SELECT lower(email) AS le, count(*) FROM users GROUP BY le
        *|SELECT user_id, count(*) AS c FROM orders GROUP BY user_id HAVING c > 1
        *|SELECT user_id, count(*) AS c FROM orders GROUP BY user_id ORDER BY c DESC
        *|SELECT price * 2 AS double_price FROM products ORDER BY double_price
        *|SELECT price * 2 AS double_price FROM products WHERE double_price > 10
        *|SELECT id AS user_key FROM users ORDER BY user_key
        *|SELECT u.email AS address FROM users u ORDER BY address
        *|SELECT email FROM users ORDER BY 1
        *|SELECT user_id, sum(total) FROM orders GROUP BY 1
        # ---------------------------------------------------------------- subqueries
        *|SELECT id FROM users WHERE id IN (SELECT user_id FROM orders)
        *|SELECT id FROM users WHERE id IN (SELECT userid FROM orders)
        *|SELECT id FROM users u WHERE EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id)
        *|SELECT id FROM users u WHERE EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.uid)
        *|SELECT id FROM users u WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id AND o.total > 100)
        *|SELECT u.id, (SELECT count(*) FROM orders o WHERE o.user_id = u.id) AS n FROM users u
        *|SELECT u.id, (SELECT count(*) FROM orders o WHERE o.user = u.id) AS n FROM users u
        *|SELECT u.id, (SELECT max(o.total) FROM orders o WHERE o.user_id = u.id) FROM users u
        *|SELECT id FROM products WHERE price > (SELECT avg(price) FROM products)
        *|SELECT id FROM products WHERE price > (SELECT avg(cost) FROM products)
        *|SELECT id FROM orders WHERE user_id = (SELECT id FROM users WHERE email = 'a@b.c')
        *|SELECT id FROM orders WHERE user_id = (SELECT id FROM users WHERE mail = 'a@b.c')
        *|SELECT id FROM users WHERE id NOT IN (SELECT user_id FROM reviews WHERE rating < 2)
        *|SELECT id FROM users WHERE id NOT IN (SELECT user_id FROM reviews WHERE score < 2)
        *|SELECT id FROM orders o WHERE total > (SELECT avg(total) FROM orders i WHERE i.user_id = o.user_id)
        *|SELECT id FROM orders o WHERE total > (SELECT avg(total) FROM orders i WHERE i.user_id = o.customer_id)
        *|SELECT id FROM users WHERE email IN (SELECT email FROM users WHERE display_name IS NULL)
        *|SELECT id FROM orders WHERE id IN (SELECT order_id FROM order_items WHERE quantity > 10)
        *|SELECT id FROM orders WHERE id IN (SELECT order_id FROM order_items WHERE qty > 10)
        *|SELECT p.id FROM products p WHERE EXISTS (SELECT 1 FROM reviews r WHERE r.product_id = p.id AND r.rating = 5)
        *|SELECT p.id FROM products p WHERE EXISTS (SELECT 1 FROM reviews r WHERE r.product_id = p.product_id)
        *|SELECT id FROM users WHERE id IN (SELECT user_id FROM orders WHERE total > (SELECT avg(total) FROM orders))
        *|SELECT id FROM users WHERE id IN (SELECT user_id FROM orders WHERE total > (SELECT avg(grand_total) FROM orders))
        # ---------------------------------------------------------------- derived tables
        *|SELECT d.x FROM (SELECT id AS x FROM users) d
        *|SELECT d.id FROM (SELECT id AS x FROM users) d
        *|SELECT x FROM (SELECT id AS x FROM users) AS d
        *|SELECT id FROM (SELECT id AS x FROM users) AS d
        *|SELECT t.user_id, t.n FROM (SELECT user_id, count(*) AS n FROM orders GROUP BY user_id) t WHERE t.n > 2
        *|SELECT t.user_id, t.cnt FROM (SELECT user_id, count(*) AS n FROM orders GROUP BY user_id) t
        *|SELECT t.email FROM (SELECT * FROM users) t
        *|SELECT t.emails FROM (SELECT * FROM users) t
        *|SELECT t.email FROM (SELECT u.* FROM users u) t
        *|SELECT t.total FROM (SELECT u.* FROM users u) t
        *|SELECT u.email, t.n FROM users u JOIN (SELECT user_id, count(*) AS n FROM orders GROUP BY user_id) t ON t.user_id = u.id
        *|SELECT u.email, t.n FROM users u JOIN (SELECT user_id, count(*) AS n FROM orders GROUP BY user_id) t ON t.uid = u.id
        *|SELECT s.total FROM (SELECT o.total FROM orders o) s
        *|SELECT s.total FROM (SELECT o.total FROM orderz o) s
        *|SELECT x.a FROM (SELECT 1 AS a) x
        *|SELECT x.b FROM (SELECT 1 AS a) x
        # ---------------------------------------------------------------- CTEs
        *|WITH t AS (SELECT id FROM users) SELECT id FROM t
        *|WITH t AS (SELECT id FROM users) SELECT email FROM t
        *|WITH t(a) AS (SELECT id FROM users) SELECT a FROM t
        *|WITH t(a) AS (SELECT id FROM users) SELECT id FROM t
        *|WITH big AS (SELECT * FROM orders WHERE total > 100) SELECT b.id, b.user_id FROM big b
        *|WITH big AS (SELECT * FROM orders WHERE total > 100) SELECT b.id, b.customer FROM big b
        *|WITH big AS (SELECT * FROM orders WHERE totl > 100) SELECT b.id FROM big b
        *|WITH a AS (SELECT id FROM users), b AS (SELECT id FROM a) SELECT id FROM b
        *|WITH a AS (SELECT id FROM users), b AS (SELECT uid FROM a) SELECT * FROM b
        *|WITH counts AS (SELECT user_id, count(*) AS n FROM orders GROUP BY user_id) SELECT u.email, c.n FROM users u JOIN counts c ON c.user_id = u.id
        *|WITH counts AS (SELECT user_id, count(*) AS n FROM orders GROUP BY user_id) SELECT u.email, c.total FROM users u JOIN counts c ON c.user_id = u.id
        *|WITH counts AS (SELECT user_id, count(*) AS n FROM orders GROUP BY user_id) SELECT * FROM counts WHERE n > 1
        *|WITH counts AS (SELECT user_id, count(*) AS n FROM orders GROUP BY user_id) SELECT * FROM count WHERE n > 1
        *|WITH RECURSIVE tree AS (SELECT id, parent_id FROM categories WHERE parent_id IS NULL UNION ALL SELECT c.id, c.parent_id FROM categories c JOIN tree t ON c.parent_id = t.id) SELECT * FROM tree
        *|WITH RECURSIVE tree AS (SELECT id, parent_id FROM categories WHERE parent_id IS NULL UNION ALL SELECT c.id, c.parent_id FROM categories c JOIN tree t ON c.parent_id = t.parentid) SELECT * FROM tree
        *|WITH RECURSIVE tree AS (SELECT id, parent_id, 1 AS depth FROM categories WHERE parent_id IS NULL UNION ALL SELECT c.id, c.parent_id, t.depth + 1 FROM categories c JOIN tree t ON c.parent_id = t.id) SELECT id, depth FROM tree
        *|WITH RECURSIVE tree AS (SELECT id, parent_id, 1 AS depth FROM categories WHERE parent_id IS NULL UNION ALL SELECT c.id, c.parent_id, t.depth + 1 FROM categories c JOIN tree t ON c.parent_id = t.id) SELECT id, level FROM tree
        *|WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10) SELECT i FROM n
        *|WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT j + 1 FROM n WHERE i < 10) SELECT i FROM n
        *|WITH users AS (SELECT 1 AS uid) SELECT uid FROM users
        *|WITH recent AS (SELECT id, user_id FROM orders ORDER BY created_at DESC LIMIT 5) SELECT r.id, u.email FROM recent r JOIN users u ON u.id = r.user_id
        *|WITH recent AS (SELECT id, user_id FROM orders ORDER BY created_at DESC LIMIT 5) SELECT r.total FROM recent r
        # ---------------------------------------------------------------- set operations
        *|SELECT id FROM users UNION SELECT user_id FROM orders
        *|SELECT id FROM users UNION ALL SELECT user_id FROM orders
        *|SELECT id FROM users UNION SELECT userid FROM orders
        *|SELECT email FROM users UNION SELECT name FROM products ORDER BY email
        *|SELECT email FROM users UNION SELECT nam FROM products
        *|SELECT id FROM users INTERSECT SELECT user_id FROM reviews
        *|SELECT id FROM users EXCEPT SELECT user_id FROM orders
        *|SELECT id FROM users EXCEPT SELECT user_id FROM order
        *|SELECT id, email FROM users WHERE is_admin UNION SELECT id, email FROM users WHERE display_name IS NULL
        *|SELECT id FROM products UNION SELECT id FROM categories UNION SELECT id FROM catgories
        # ---------------------------------------------------------------- window functions
        *|SELECT id, row_number() OVER (PARTITION BY user_id ORDER BY created_at) FROM orders
        *|SELECT id, row_number() OVER (PARTITION BY userid ORDER BY created_at) FROM orders
        *|SELECT id, rank() OVER (ORDER BY total DESC) AS r FROM orders
        *|SELECT id, rank() OVER (ORDER BY amount DESC) AS r FROM orders
        *|SELECT id, sum(total) OVER (PARTITION BY user_id) AS running FROM orders
        *|SELECT id, lag(total) OVER (PARTITION BY user_id ORDER BY created_at) FROM orders
        *|SELECT id, lag(totals) OVER (PARTITION BY user_id ORDER BY created_at) FROM orders
        *|SELECT id, avg(rating) OVER w FROM reviews WINDOW w AS (PARTITION BY product_id)
        *|SELECT id, avg(rating) OVER w FROM reviews WINDOW w AS (PARTITION BY productid)
        *|SELECT id, dense_rank() OVER (PARTITION BY category_id ORDER BY price) FROM products
        *|SELECT id, count(*) OVER () FROM users
        # ---------------------------------------------------------------- INSERT
        *|INSERT INTO users (email, display_name) VALUES ('a@b.c', 'A')
        *|INSERT INTO users (email, name) VALUES ('a@b.c', 'A')
        *|INSERT INTO users (mail) VALUES ('a@b.c')
        *|INSERT INTO categories (name, parent_id) VALUES ('x', NULL), ('y', 1)
        *|INSERT INTO categories (name, parent) VALUES ('x', NULL)
        *|INSERT INTO products (sku, name, price) VALUES ('s', 'n', 1.5)
        *|INSERT INTO products (sku, name, prise) VALUES ('s', 'n', 1.5)
        *|INSERT INTO order_items (order_id, product_id, quantity, unit_price) SELECT 1, id, 1, price FROM products WHERE id = 2
        *|INSERT INTO order_items (order_id, product_id, quantity, unit_price) SELECT 1, id, 1, cost FROM products WHERE id = 2
        *|INSERT INTO order_items (order_id, product_id, qty, unit_price) SELECT 1, id, 1, price FROM products
        *|INSERT INTO reviews (product_id, user_id, rating, body) VALUES (1, 1, 5, 'great')
        *|INSERT INTO reviews (product_id, user_id, stars, body) VALUES (1, 1, 5, 'great')
        *|INSERT INTO orders (user_id, total) VALUES (1, 10)
        *|INSERT INTO orders (user_id, totl) VALUES (1, 10)
        *|INSERT INTO userz (email) VALUES ('x')
        *|INSERT INTO users (email) SELECT email FROM users WHERE id = 1
        *|INSERT INTO users (email) SELECT mail FROM users WHERE id = 1
        *|INSERT INTO users (email) SELECT email FROM customers
        *|INSERT INTO categories (name) VALUES (lower('X'))
        *|INSERT INTO categories (name) VALUES (lowr('X'))
        # ---------------------------------------------------------------- UPDATE / DELETE
        *|UPDATE users SET display_name = 'x' WHERE id = 1
        *|UPDATE users SET nme = 'x' WHERE id = 1
        *|UPDATE users SET display_name = 'x' WHERE uid = 1
        *|UPDATE users SET display_name = email WHERE display_name IS NULL
        *|UPDATE users SET display_name = mail WHERE display_name IS NULL
        *|UPDATE products SET price = price * 1.1, discontinued = 0 WHERE category_id = 3
        *|UPDATE products SET price = price * 1.1, discontinue = 0 WHERE category_id = 3
        *|UPDATE products SET price = (SELECT max(unit_price) FROM order_items WHERE order_items.product_id = products.id)
        *|UPDATE products SET price = (SELECT max(unit_price) FROM order_items WHERE order_items.product = products.id)
        *|UPDATE orders SET total = 0 WHERE user_id IN (SELECT id FROM users WHERE is_admin)
        *|UPDATE orders SET total = 0 WHERE user_id IN (SELECT id FROM users WHERE admin)
        *|UPDATE order SET total = 0
        *|DELETE FROM orders WHERE id = 1
        *|DELETE FROM orders WHERE order_id = 1
        *|DELETE FROM reviews WHERE rating < 2 AND body IS NULL
        *|DELETE FROM reviews WHERE stars < 2
        *|DELETE FROM order_items WHERE order_id IN (SELECT id FROM orders WHERE total = 0)
        *|DELETE FROM order_items WHERE order_id IN (SELECT id FROM orders WHERE amount = 0)
        *|DELETE FROM users WHERE NOT EXISTS (SELECT 1 FROM orders WHERE orders.user_id = users.id)
        *|DELETE FROM users WHERE NOT EXISTS (SELECT 1 FROM orders WHERE orders.user_id = users.uid)
        *|DELETE FROM sessions WHERE id = 1
        # ---------------------------------------------------------------- functions
        *|SELECT lower(email), length(email) FROM users
        *|SELECT lowr(email) FROM users
        *|SELECT calc_tax(total) FROM orders
        *|SELECT id FROM orders WHERE is_late(shipped_at)
        *|SELECT abs(total), round(total) FROM orders
        *|SELECT replace(email, '@', ' at ') FROM users
        *|SELECT substr(email, 1, 3) FROM users
        *|SELECT trim(display_name) FROM users
        *|SELECT nullif(display_name, '') FROM users
        *|SELECT max(created_at), min(created_at) FROM orders
        *|SELECT sum(quantity) FROM order_items
        *|SELECT summ(quantity) FROM order_items
        *|SELECT count_distinct(user_id) FROM orders
        *|SELECT order_total(id) FROM orders
        *|SELECT order_totl(id) FROM orders
        *|SELECT id FROM orders WHERE order_total(id) > 100
        *|SELECT u.email, order_total(o.id) FROM users u JOIN orders o ON o.user_id = u.id
        *|SELECT upper(lower(trim(email))) FROM users
        *|SELECT upper(lower(trimm(email))) FROM users
        *|SELECT coalesce(max(total), 0) FROM orders WHERE user_id = 1
        *|SELECT id FROM users WHERE lower(email) = lower('A@B.C')
        *|SELECT id FROM users WHERE lcase_email(email) = 'a'
        *|SELECT format_money(price) FROM products
        # ---------------------------------------------------------------- views
        *|SELECT id, email FROM active_users
        *|SELECT id, is_admin FROM active_users
        *|SELECT user_id, lifetime_total, order_count FROM order_totals
        *|SELECT total FROM order_totals
        *|SELECT a.email, t.lifetime_total FROM active_users a JOIN order_totals t ON t.user_id = a.id
        *|SELECT a.email, t.lifetime FROM active_users a JOIN order_totals t ON t.user_id = a.id
        *|SELECT * FROM order_totals WHERE order_count > 3
        *|SELECT * FROM order_totals WHERE orders > 3
        # ---------------------------------------------------------------- comments and quoting
        *|SELECT id /* the key */ FROM users -- trailing comment
        *|SELECT id /* the key */, nope FROM users -- trailing comment
        *|SELECT id FROM users WHERE email = 'it''s'
        *|SELECT id FROM users WHERE email = 'nope'
        *|SELECT id FROM users WHERE email = 'SELECT x FROM y'
        *|SELECT 'missing_column' FROM users
        *|SELECT id FROM users -- WHERE missing = 1
        *|SELECT id FROM users /* JOIN missing m ON m.id = users.id */
        *|SELECT Email, ID FROM Users
        *|SELECT EMAIL FROM USERS WHERE ID = 1
        pg,lite|SELECT "email" FROM "users"
        pg,lite|SELECT "emial" FROM "users"
        pg,lite|SELECT "id", "email" FROM users WHERE "display_name" IS NULL
        pg,lite|SELECT u."email" FROM users AS u
        pg,lite|SELECT u."mail" FROM users AS u
        my,lite|SELECT `email` FROM `users`
        my,lite|SELECT `emial` FROM `users`
        my,lite|SELECT u.`email` FROM `users` u
        my,lite|SELECT `u`.`id` FROM `users` AS `u` WHERE `u`.`is_admin`
        my,lite|SELECT `u`.`id` FROM `users` AS `u` WHERE `u`.`admin`
        lite|SELECT [email] FROM [users]
        lite|SELECT [emial] FROM [users]
        # ---------------------------------------------------------------- PostgreSQL case folding and quoting
        pg|SELECT "Email" FROM users
        pg|SELECT "OwnerName", balance FROM "Accounts"
        pg|SELECT OwnerName FROM "Accounts"
        pg|SELECT "ownername" FROM "Accounts"
        pg|SELECT * FROM Accounts
        pg|SELECT a."Id" FROM "Accounts" a
        pg|SELECT a.Id FROM "Accounts" a
        pg|SELECT "a"."Id" FROM "Accounts" "a"
        pg|SELECT A."Id" FROM "Accounts" a
        pg|SELECT "A"."Id" FROM "Accounts" a
        pg|SELECT "Users".id FROM users
        pg|SELECT id FROM "Users"
        pg|SELECT ID, EMAIL FROM USERS
        pg|SELECT "ID" FROM users
        pg|SELECT "Balance" FROM "Accounts"
        pg|SELECT "LOWER"(email) FROM users
        pg|SELECT LOWER(email) FROM users
        pg|SELECT ORDER_TOTAL(id) FROM orders
        pg|SELECT "Order_Total"(id) FROM orders
        # ---------------------------------------------------------------- PostgreSQL specifics
        pg|SELECT $$it's$$ AS s, id FROM users
        pg|SELECT $tag$a 'quoted' nope$tag$ FROM users
        pg|SELECT id FROM users WHERE id = $1
        pg|SELECT id FROM users WHERE uid = $1
        pg|SELECT email::text, id::bigint FROM users
        pg|SELECT emial::text FROM users
        pg|SELECT id FROM users WHERE email ILIKE '%x%'
        pg|SELECT id FROM users WHERE emale ILIKE '%x%'
        pg|SELECT DISTINCT ON (user_id) user_id, total FROM orders ORDER BY user_id, created_at DESC
        pg|SELECT DISTINCT ON (userid) user_id, total FROM orders ORDER BY user_id
        pg|SELECT u.email, l.total FROM users u CROSS JOIN LATERAL (SELECT o.total FROM orders o WHERE o.user_id = u.id ORDER BY o.created_at DESC LIMIT 1) l
        pg|SELECT u.email, l.total FROM users u CROSS JOIN LATERAL (SELECT o.total FROM orders o WHERE o.user_id = u.uid LIMIT 1) l
        pg|SELECT u.email, l.amount FROM users u CROSS JOIN LATERAL (SELECT o.total FROM orders o WHERE o.user_id = u.id LIMIT 1) l
        pg|SELECT u.email, l.total FROM users u LEFT JOIN LATERAL (SELECT o.total FROM orders o WHERE o.user_id = u.id LIMIT 1) l ON true
        pg|SELECT * FROM user_orders(1)
        pg|SELECT id, total FROM user_orders(1)
        pg|SELECT * FROM user_order(1)
        pg|SELECT g FROM generate_series(1, 10) g
        pg|SELECT x FROM unnest(ARRAY[1, 2, 3]) AS t(x)
        pg|SELECT x FROM unnest(ARRAY[1, 2, 3]) AS t(y)
        pg|SELECT id FROM orders WHERE status = 'shipped'
        pg|SELECT id FROM orders WHERE status = 'delivered'
        pg|SELECT id FROM orders WHERE status IN ('paid', 'shipped')
        pg|SELECT id FROM orders WHERE status IN ('paid', 'refunded')
        pg|SELECT id FROM orders WHERE status <> 'cancelled'
        pg|SELECT id FROM orders WHERE status != 'Cancelled'
        pg|UPDATE orders SET status = 'shipped' WHERE id = 1
        pg|UPDATE orders SET status = 'sent' WHERE id = 1
        pg|INSERT INTO orders (user_id, status, total) VALUES (1, 'paid', 10)
        pg|INSERT INTO orders (user_id, status, total) VALUES (1, 'payed', 10)
        pg|SELECT o.id FROM orders o JOIN users u ON u.id = o.user_id WHERE o.status = 'pending'
        pg|SELECT o.id FROM orders o JOIN users u ON u.id = o.user_id WHERE o.status = 'open'
        pg|SELECT 'delivered' = status FROM orders
        pg|SELECT id FROM orders WHERE status::text = 'delivered'
        pg|INSERT INTO users (email) VALUES ('a') ON CONFLICT (email) DO UPDATE SET display_name = excluded.display_name
        pg|INSERT INTO users (email) VALUES ('a') ON CONFLICT (email) DO UPDATE SET display_name = excluded.displayname
        pg|INSERT INTO users (email) VALUES ('a') ON CONFLICT (email) DO UPDATE SET nickname = excluded.display_name
        pg|INSERT INTO users (email) VALUES ('a') ON CONFLICT (email) DO NOTHING
        pg|INSERT INTO users (email) VALUES ('a') ON CONFLICT (emails) DO NOTHING
        pg|INSERT INTO users (email) VALUES ('a') RETURNING id, created_at
        pg|INSERT INTO users (email) VALUES ('a') RETURNING id, updated_at
        pg|UPDATE users SET display_name = 'x' WHERE id = 1 RETURNING id, display_name
        pg|UPDATE users SET display_name = 'x' WHERE id = 1 RETURNING id, name
        pg|DELETE FROM orders WHERE id = 1 RETURNING user_id, total
        pg|DELETE FROM orders WHERE id = 1 RETURNING user_id, amount
        pg|UPDATE orders SET total = 0 FROM users WHERE users.id = orders.user_id AND users.is_admin
        pg|UPDATE orders SET total = 0 FROM users u WHERE u.id = orders.user_id AND u.admin
        pg|UPDATE orders o SET total = 0 FROM users u WHERE u.id = o.user_id
        pg|DELETE FROM orders USING users WHERE users.id = orders.user_id AND users.is_admin
        pg|DELETE FROM orders USING users WHERE users.id = orders.user_id AND users.admin
        pg|DELETE FROM orders o USING users u WHERE u.id = o.customer_id
        pg|WITH moved AS (DELETE FROM orders WHERE total = 0 RETURNING id, user_id) SELECT user_id FROM moved
        pg|WITH moved AS (DELETE FROM orders WHERE total = 0 RETURNING id, user_id) SELECT total FROM moved
        pg|SELECT id FROM users WHERE created_at > now() - interval '7 days'
        pg|SELECT id FROM users WHERE created_at > now() - interval '7 days' AND updated_at IS NULL
        pg|SELECT date_trunc('day', created_at) AS d, count(*) FROM orders GROUP BY d
        pg|SELECT date_trunc('day', created) AS d, count(*) FROM orders GROUP BY d
        pg|SELECT string_agg(email, ',' ORDER BY email) FROM users
        pg|SELECT string_agg(email, ',' ORDER BY mail) FROM users
        pg|SELECT count(*) FILTER (WHERE total > 100) FROM orders
        pg|SELECT count(*) FILTER (WHERE amount > 100) FROM orders
        pg|SELECT array_agg(id) FROM users
        pg|SELECT jsonb_build_object('id', id, 'email', email) FROM users
        pg|SELECT to_jsonb(u) FROM users u
        pg|SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY total) FROM orders
        pg|SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY amount) FROM orders
        pg|SELECT id FROM users WHERE email ~ '^a'
        pg|SELECT greatest(total, 10), least(total, 5) FROM orders
        pg|SELECT id FROM users FOR UPDATE SKIP LOCKED
        pg|SELECT extract(year FROM created_at) FROM orders
        pg|SELECT extract(year FROM created) FROM orders
        pg|SELECT id FROM orders WHERE created_at::date = current_date
        pg|SELECT user_id, count(*) AS c FROM orders GROUP BY user_id HAVING count(*) > 1 ORDER BY c
        pg|SELECT gen_random_uuid(), md5(email) FROM users
        pg|SELECT public.order_total(id) FROM orders
        pg|SELECT public.order_totals(id) FROM orders
        pg|SELECT id FROM public.users
        pg|SELECT id FROM public.userz
        pg|SELECT public.users.id FROM public.users
        pg|SELECT u.id FROM public.users u JOIN public.orders o ON o.user_id = u.id
        pg|SELECT * FROM pg_catalog.pg_class WHERE relname = 'users'
        pg|SELECT table_name FROM information_schema.tables
        pg|CALL archive_orders(30)
        pg|CALL archive_order(30)
        pg|SELECT id FROM users WHERE id = ANY(ARRAY[1, 2])
        pg|SELECT id FROM users WHERE uid = ANY(ARRAY[1, 2])
        pg|SELECT id, email FROM users ORDER BY id FETCH FIRST 5 ROWS ONLY
        pg|SELECT id FROM users TABLESAMPLE SYSTEM (10)
        pg|SELECT (SELECT email FROM users u2 WHERE u2.id = o.user_id) FROM orders o
        pg|SELECT (SELECT mail FROM users u2 WHERE u2.id = o.user_id) FROM orders o
        pg|SELECT id FROM users u WHERE u IS NOT NULL
        pg|SELECT row_to_json(t) FROM (SELECT id, email FROM users) t
        pg|SELECT o.id, o.status FROM orders o WHERE o.status = ANY('{paid,shipped}')
        pg|VALUES (1, 'a'), (2, 'b')
        pg|SELECT column1 FROM (VALUES (1), (2)) v
        pg|SELECT * FROM (VALUES (1, 'a')) AS v(n, s) WHERE v.n = 1
        pg|SELECT * FROM (VALUES (1, 'a')) AS v(n, s) WHERE v.x = 1
        # ---------------------------------------------------------------- MySQL / MariaDB specifics
        my|SELECT id FROM orders WHERE status = 'shipped'
        my|SELECT id FROM users LIMIT 5, 10
        my|SELECT IF(is_admin, 'admin', 'user') FROM users
        my|SELECT IF(admin, 'admin', 'user') FROM users
        my|SELECT IFNULL(display_name, email) FROM users
        my|SELECT CONCAT(email, ' ', display_name) FROM users
        my|SELECT CONCAT(email, ' ', displayname) FROM users
        my|SELECT DATE_FORMAT(created_at, '%Y-%m') FROM orders
        my|SELECT DATE_FORMAT(created, '%Y-%m') FROM orders
        my|SELECT GROUP_CONCAT(email SEPARATOR ',') FROM users
        my|SELECT GROUP_CONCAT(mail SEPARATOR ',') FROM users
        my|SELECT id FROM users WHERE created_at > NOW() - INTERVAL 7 DAY
        my|SELECT id FROM users WHERE created > NOW() - INTERVAL 7 DAY
        my|INSERT INTO users (email) VALUES ('a') ON DUPLICATE KEY UPDATE display_name = VALUES(display_name)
        my|INSERT INTO users (email) VALUES ('a') ON DUPLICATE KEY UPDATE display_name = VALUES(displayname)
        my|INSERT INTO users (email) VALUES ('a') ON DUPLICATE KEY UPDATE nickname = 'x'
        my|INSERT INTO users SET email = 'a', display_name = 'b'
        my|INSERT INTO users SET email = 'a', name = 'b'
        my|REPLACE INTO categories (id, name) VALUES (1, 'x')
        my|REPLACE INTO categories (id, title) VALUES (1, 'x')
        my|UPDATE orders o JOIN users u ON u.id = o.user_id SET o.total = 0 WHERE u.is_admin
        my|UPDATE orders o JOIN users u ON u.id = o.user_id SET o.amount = 0 WHERE u.is_admin
        my|UPDATE orders o JOIN users u ON u.id = o.user_id SET o.total = 0 WHERE u.admin
        my|UPDATE users SET display_name = 'x' ORDER BY id LIMIT 10
        my|UPDATE users SET display_name = 'x' ORDER BY uid LIMIT 10
        my|DELETE FROM reviews WHERE rating < 2 ORDER BY id LIMIT 10
        my|DELETE FROM reviews WHERE rating < 2 ORDER BY created_at LIMIT 10
        my|SELECT SQL_CALC_FOUND_ROWS id FROM users
        my|SELECT id FROM users WHERE email REGEXP '^a'
        my|SELECT id FROM users WHERE mail REGEXP '^a'
        my|SELECT id FROM users USE INDEX (PRIMARY) WHERE id > 1
        my|SELECT STRAIGHT_JOIN u.id FROM users u JOIN orders o ON o.user_id = u.id
        my|SELECT id FROM users WHERE id = @uid
        my|SELECT id FROM users WHERE uid = @uid
        my|SELECT id, email FROM users # hash comment
        my|SELECT id, mail FROM users # hash comment
        my|SELECT "email" FROM users
        my|SELECT order_total(id), ORDER_TOTAL(id) FROM orders
        my|SELECT id FROM orders WHERE id DIV 2 = 1
        my|SELECT CAST(total AS SIGNED) FROM orders
        my|SELECT CAST(totl AS SIGNED) FROM orders
        my|SELECT id FROM users WHERE is_admin XOR 0
        my|CALL archive_orders(30)
        my|CALL archive_order(30)
        my|SELECT JSON_OBJECT('id', id, 'email', email) FROM users
        my|SELECT id FROM users WHERE email = 'a' COLLATE utf8mb4_bin
        my|SELECT Email, Display_Name FROM users
        my|SELECT u.EMAIL FROM users U
        my|INSERT INTO orders (user_id, status) VALUES (1, 'paid')
        my|SELECT DATEDIFF(NOW(), created_at) FROM orders
        my|SELECT DATEDIF(NOW(), created_at) FROM orders
        my|SELECT LAST_INSERT_ID()
        my|SELECT FOUND_ROWS()
        my|SELECT id FROM users LOCK IN SHARE MODE
        # ---------------------------------------------------------------- SQLite specifics
        lite|SELECT email AS e FROM users WHERE e = 'x'
        lite|SELECT rowid, email FROM users
        lite|SELECT id FROM users WHERE email GLOB 'a*'
        lite|SELECT id FROM users WHERE mail GLOB 'a*'
        lite|SELECT id FROM users WHERE id = ?
        lite|SELECT id FROM users WHERE id = ?1
        lite|SELECT id FROM users WHERE id = :id
        lite|SELECT id FROM users WHERE id = @id
        lite|SELECT id FROM users WHERE id = $id
        lite|SELECT id FROM users WHERE uid = @id
        lite|SELECT ifnull(display_name, email) FROM users
        lite|SELECT iif(is_admin, 'a', 'u') FROM users
        lite|SELECT strftime('%Y', created_at) FROM orders
        lite|SELECT strftime('%Y', created) FROM orders
        lite|SELECT group_concat(email, ',') FROM users
        lite|SELECT group_concat(emails, ',') FROM users
        lite|SELECT json_extract('{"a": 1}', '$.a')
        lite|SELECT key, value FROM json_each('[1, 2]')
        lite|INSERT OR REPLACE INTO categories (id, name) VALUES (1, 'x')
        lite|INSERT OR IGNORE INTO categories (id, title) VALUES (1, 'x')
        lite|REPLACE INTO categories (id, name) VALUES (1, 'x')
        lite|INSERT INTO users (email) VALUES ('a') ON CONFLICT (email) DO UPDATE SET display_name = excluded.display_name
        lite|INSERT INTO users (email) VALUES ('a') ON CONFLICT (email) DO UPDATE SET display_name = excluded.displayname
        lite|INSERT INTO users (email) VALUES ('a') ON CONFLICT DO NOTHING
        lite|INSERT INTO users (email) VALUES ('a') RETURNING id
        lite|INSERT INTO users (email) VALUES ('a') RETURNING uid
        lite|UPDATE orders SET total = 0 FROM users WHERE users.id = orders.user_id AND users.is_admin
        lite|UPDATE orders SET total = 0 FROM users WHERE users.id = orders.user_id AND users.admin
        lite|DELETE FROM orders WHERE id = 1 RETURNING total
        lite|DELETE FROM orders WHERE id = 1 RETURNING amount
        lite|SELECT "nickname" FROM users
        lite|SELECT id FROM users WHERE "nickname" = 'x'
        lite|SELECT u.id FROM main.users u
        lite|SELECT id FROM main.userz
        lite|SELECT id FROM users; SELECT id FROM orders
        lite|SELECT id FROM users; SELECT nope FROM orders
        lite|SELECT total_changes(), changes(), last_insert_rowid()
        lite|SELECT printf('%d', id) FROM users
        lite|SELECT printff('%d', id) FROM users
        lite|SELECT order_total(id) FROM orders
        lite|SELECT id FROM users WHERE email LIKE 'a%' ESCAPE '\'
        lite|SELECT id, email FROM users ORDER BY email COLLATE NOCASE
        lite|SELECT id FROM users INDEXED BY sqlite_autoindex_users_1
        lite|SELECT typeof(id), quote(email) FROM users
        lite|SELECT id FROM users WHERE created_at > datetime('now', '-7 days')
        lite|SELECT id FROM users WHERE created_at > datetime('now', '-7 days') AND updated_at IS NULL
        # ---------------------------------------------------------------- harder valid shapes (precision traps)
        *|SELECT id, email FROM users WHERE id IN (SELECT user_id FROM orders GROUP BY user_id HAVING count(*) > 1)
        *|SELECT * FROM users u LEFT JOIN orders o ON o.user_id = u.id AND o.total > 0
        *|SELECT u.*, o.total FROM users u JOIN orders o ON o.user_id = u.id
        *|SELECT o.id, (SELECT name FROM products p WHERE p.id = (SELECT product_id FROM order_items WHERE order_id = o.id LIMIT 1)) FROM orders o
        *|SELECT o.id, (SELECT name FROM products p WHERE p.id = (SELECT product_id FROM order_items WHERE order_id = o.ident LIMIT 1)) FROM orders o
        *|SELECT id FROM (SELECT id FROM users UNION SELECT user_id FROM orders) x
        *|SELECT x.user_id FROM (SELECT id FROM users UNION SELECT user_id FROM orders) x
        *|SELECT t.a FROM (SELECT id AS a FROM users UNION ALL SELECT user_id FROM orders) t
        *|SELECT count(*) FROM users WHERE display_name IS NULL OR display_name = ''
        *|SELECT email FROM users ORDER BY lower(email)
        *|SELECT email AS e FROM users ORDER BY lower(e)
        *|SELECT u.id AS id FROM users u ORDER BY id
        *|SELECT id FROM users GROUP BY id HAVING count(*) > 0 ORDER BY count(*)
        *|SELECT id AS k, (SELECT count(*) FROM orders WHERE user_id = k) FROM users
        *|SELECT id, (SELECT count(*) FROM orders WHERE user_id = users.id) AS n FROM users ORDER BY n
        *|SELECT u.id FROM users u WHERE u.id = (SELECT max(o.user_id) FROM orders o WHERE o.user_id = u.id)
        *|SELECT count(*) AS n FROM orders HAVING count(*) > 0
        *|SELECT t.* FROM orders t
        *|SELECT EXISTS (SELECT 1 FROM orders)
        *|SELECT CAST(total AS INTEGER) FROM orders
        *|SELECT id FROM users WHERE id = (SELECT max(id) FROM users)
        *|SELECT p.name, (SELECT avg(r.rating) FROM reviews r WHERE r.product_id = p.id) AS score FROM products p ORDER BY score DESC
        *|SELECT p.name FROM products p WHERE p.id IN (SELECT oi.product_id FROM order_items oi JOIN orders o ON o.id = oi.order_id WHERE o.user_id = 1)
        *|SELECT p.name FROM products p WHERE p.id IN (SELECT oi.product_id FROM order_items oi JOIN orders o ON o.id = oi.order_id WHERE o.customer_id = 1)
        *|SELECT u.email FROM users u WHERE (SELECT count(*) FROM orders o WHERE o.user_id = u.id) > 2
        *|SELECT c.name, count(p.id) FROM categories c LEFT JOIN products p ON p.category_id = c.id GROUP BY c.name
        *|SELECT c.name, count(p.id) FROM categories c LEFT JOIN products p ON p.category_id = c.id GROUP BY c.title
        *|SELECT users.email, orders.total FROM users, orders WHERE users.id = orders.user_id
        *|SELECT users.email, orders.totals FROM users, orders WHERE users.id = orders.user_id
        *|SELECT id FROM users WHERE email IS NULL AND (display_name = 'a' OR display_name = 'b')
        *|SELECT sum(CASE WHEN total > 100 THEN 1 ELSE 0 END) FROM orders
        *|SELECT sum(CASE WHEN totl > 100 THEN 1 ELSE 0 END) FROM orders
        *|UPDATE users SET display_name = NULL
        *|UPDATE products SET price = price + 1 WHERE id IN (SELECT product_id FROM order_items GROUP BY product_id HAVING sum(quantity) > 10)
        *|DELETE FROM reviews WHERE product_id IN (SELECT id FROM products WHERE discontinued)
        *|INSERT INTO reviews (product_id, user_id, rating) SELECT p.id, u.id, 5 FROM products p, users u WHERE u.is_admin
        *|INSERT INTO reviews (product_id, user_id, rating) SELECT p.id, u.id, 5 FROM products p, users u WHERE u.admin
        pg|SELECT x.mail FROM users AS x(uid, mail)
        pg|SELECT mail FROM users u(uid, mail)
        pg|SELECT x.email FROM users AS x(uid, mail)
        pg|SELECT * FROM orders o, LATERAL (SELECT o.total * 2 AS d) x WHERE x.d > 10
        pg|SELECT '{"a": 1}'::jsonb ->> 'a'
        pg|SELECT id FROM users WHERE id = ANY($1)
        pg|SELECT x.n FROM generate_series(1, 3) AS x(n)
        pg|SELECT generate_series FROM generate_series(1, 3)
        pg|SELECT id FROM users WHERE (id, email) IN (SELECT id, email FROM users)
        pg|SELECT id FROM users ORDER BY email NULLS LAST
        pg|SELECT u.id FROM users u WHERE u.email = ANY (SELECT email FROM users)
        pg|INSERT INTO users AS u (email) VALUES ('a') ON CONFLICT (email) DO UPDATE SET display_name = u.display_name || excluded.display_name
        pg|INSERT INTO users AS u (email) VALUES ('a') ON CONFLICT (email) DO UPDATE SET display_name = u.nickname
        pg|UPDATE users SET (email, display_name) = ('a', 'b') WHERE id = 1
        pg|UPDATE users SET (email, nickname) = ('a', 'b') WHERE id = 1
        pg|UPDATE users SET display_name = DEFAULT
        pg|SELECT current_user, current_date, now()
        pg|SELECT id FROM users WHERE created_at AT TIME ZONE 'UTC' > now()
        pg|SELECT coalesce(sum(total), 0)::numeric(10,2) FROM orders
        pg|SELECT 'a' || email FROM users
        pg|SELECT id FROM orders WHERE status = 'paid'::order_status
        pg|SELECT enum_range(NULL::order_status)
        pg|SELECT id FROM users WHERE email SIMILAR TO '%a%'
        pg|SELECT o.user_id, array_agg(o.id ORDER BY o.created_at) FROM orders o GROUP BY o.user_id
        pg|WITH t AS MATERIALIZED (SELECT 1 AS a) SELECT a FROM t
        pg|SELECT id FROM ONLY users
        pg|SELECT id FROM users u JOIN orders o USING (id) WHERE id > 1
        pg|SELECT count FROM (SELECT count(*) FROM users) x
        pg|SELECT x.coalesce FROM (SELECT coalesce(display_name, email) FROM users) x
        pg|SELECT x.email FROM (SELECT email::text FROM users) x
        pg|SELECT * FROM users WHERE id IN (VALUES (1), (2))
        pg|SELECT sum(total) OVER (ORDER BY created_at ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM orders
        pg|SELECT order_total(p_order_id => 1)
        pg|SELECT x FROM users, LATERAL unnest(ARRAY[id]) x
        pg|SELECT jsonb_agg(u) FROM users u
        pg|SELECT * FROM orders WHERE created_at BETWEEN now() - '1 day'::interval AND now()
        pg|SELECT user_id AS "user" FROM orders ORDER BY "user"
        pg|SELECT id, lower(email) AS le FROM users GROUP BY id, le
        pg|SELECT email AS e, count(*) FROM users GROUP BY e HAVING count(*) > 1
        pg|SELECT total AS t FROM orders ORDER BY t + 1
        my|SELECT `count(*)` FROM (SELECT count(*) FROM users) x
        my|SELECT id FROM users HAVING id > 1
        my|SELECT email AS e FROM users HAVING e = 'x'
        my|SELECT * FROM users WHERE (id, email) = (1, 'a')
        my|SELECT id FROM users WHERE email LIKE 'a%' ESCAPE '!'
        my|SELECT DISTINCTROW email FROM users
        my|SELECT email FROM users GROUP BY email WITH ROLLUP
        my|SELECT CONVERT(email USING utf8mb4) FROM users
        my|SELECT @rownum := @rownum + 1 AS r, id FROM users
        my|SELECT BINARY email FROM users
        my|SELECT * FROM orders WHERE created_at > CURDATE() - INTERVAL 1 MONTH
        my|SELECT id FROM users ORDER BY FIELD(id, 3, 1, 2)
        my|SELECT id FROM users WHERE email <=> NULL
        my|SELECT COUNT(*) total FROM orders
        my|SELECT t.total FROM (SELECT SUM(total) total FROM orders) t
        my|SELECT t.amount FROM (SELECT SUM(total) total FROM orders) t
        my|SELECT id FROM users WHERE id = 1 FOR UPDATE
        my|SELECT 1 FROM DUAL
        my|SELECT u.id FROM users u LEFT JOIN orders o USING (id)
        my|UPDATE users SET display_name = CONCAT(display_name, '!') WHERE id IN (1, 2)
        my|SELECT email, COUNT(*) FROM users GROUP BY email HAVING COUNT(*) > 1 ORDER BY NULL
        lite|SELECT a.id FROM users a JOIN orders b ON b.user_id = c.id, categories c
        lite|SELECT email e FROM users WHERE e LIKE 'a%'
        lite|SELECT id FROM users WHERE id IN (1, 2) AND email IS NOT 'x'
        lite|SELECT count(*) FILTER (WHERE is_admin) FROM users
        lite|SELECT id FROM users LIMIT 1, 2
        lite|SELECT x.value FROM users, json_each(users.email) x
        lite|SELECT oid, _rowid_ FROM users
        lite|SELECT id FROM users WHERE rowid = 1
        lite|WITH t AS (SELECT id FROM users) SELECT * FROM t AS a JOIN t AS b ON a.id = b.id
        lite|SELECT total FROM orders WHERE total > 1 GROUP BY user_id
        lite|SELECT * FROM (SELECT id FROM users) WHERE id > 0
        lite|SELECT * FROM (SELECT id FROM users) WHERE uid > 0
        lite|SELECT id FROM "main"."users"
        lite|SELECT 'x' AS "a b" FROM users ORDER BY "a b"
        lite|UPDATE users SET (email, display_name) = ('a', 'b') WHERE id = 1
        lite|SELECT id FROM users WHERE email = 'a' COLLATE NOCASE
        lite|SELECT u.id FROM users AS u WHERE u.id = 1 AND id = 1
        lite|SELECT email AS e FROM users GROUP BY e HAVING e LIKE 'a%'
        lite|SELECT id AS k FROM users WHERE k > 1 ORDER BY k
        """;

    public static IEnumerable<(int Line, string Sql)> For(string engine)
    {
        var lines = Text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var bar = line.IndexOf('|');
            var engines = line[..bar];
            if (engines == "*" || engines.Split(',').Contains(engine)) yield return (i + 1, line[(bar + 1)..]);
        }
    }

    public static int DistinctQueries =>
        Text.Split('\n').Select(l => l.Trim()).Count(l => l.Length > 0 && !l.StartsWith('#'));
}
