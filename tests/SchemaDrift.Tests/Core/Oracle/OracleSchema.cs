namespace SchemaDrift.Tests.Core.Oracle;

/// <summary>
/// The shared schema of the oracle test, one DDL script per engine: the same tables,
/// views, enum and routines, spelled the way each engine wants them.
/// </summary>
internal static class OracleSchema
{
    public const string Postgres = """
        CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped', 'cancelled');
        CREATE TABLE users (
            id serial PRIMARY KEY,
            email text NOT NULL UNIQUE,
            display_name text,
            created_at timestamptz NOT NULL DEFAULT now(),
            is_admin boolean NOT NULL DEFAULT false);
        CREATE TABLE categories (id serial PRIMARY KEY, name text NOT NULL, parent_id int REFERENCES categories(id));
        CREATE TABLE products (
            id serial PRIMARY KEY, sku text NOT NULL UNIQUE, name text NOT NULL, price numeric(10,2) NOT NULL,
            category_id int REFERENCES categories(id), discontinued boolean NOT NULL DEFAULT false);
        CREATE TABLE orders (
            id serial PRIMARY KEY, user_id int NOT NULL REFERENCES users(id), status order_status NOT NULL DEFAULT 'pending',
            total numeric(10,2) NOT NULL DEFAULT 0, created_at timestamptz NOT NULL DEFAULT now(), shipped_at timestamptz);
        CREATE TABLE order_items (
            order_id int NOT NULL REFERENCES orders(id), product_id int NOT NULL REFERENCES products(id),
            quantity int NOT NULL, unit_price numeric(10,2) NOT NULL, PRIMARY KEY (order_id, product_id));
        CREATE TABLE reviews (
            id serial PRIMARY KEY, product_id int NOT NULL REFERENCES products(id), user_id int NOT NULL REFERENCES users(id),
            rating int NOT NULL, body text);
        CREATE TABLE "Accounts" ("Id" int PRIMARY KEY, "OwnerName" text, balance numeric);
        CREATE VIEW active_users AS SELECT id, email, display_name FROM users WHERE NOT is_admin;
        CREATE VIEW order_totals AS SELECT user_id, sum(total) AS lifetime_total, count(*) AS order_count FROM orders GROUP BY user_id;
        CREATE FUNCTION order_total(p_order_id int) RETURNS numeric LANGUAGE sql STABLE
            AS $$ SELECT coalesce(sum(quantity * unit_price), 0) FROM order_items WHERE order_id = p_order_id $$;
        CREATE FUNCTION user_orders(p_user_id int) RETURNS SETOF orders LANGUAGE sql STABLE
            AS $$ SELECT * FROM orders WHERE user_id = p_user_id $$;
        CREATE PROCEDURE archive_orders(days int) LANGUAGE sql AS $$ SELECT 1 $$;
        """;

    public const string MySql = """
        CREATE TABLE users (
            id int AUTO_INCREMENT PRIMARY KEY,
            email varchar(200) NOT NULL UNIQUE,
            display_name varchar(200),
            created_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
            is_admin boolean NOT NULL DEFAULT false);
        CREATE TABLE categories (id int AUTO_INCREMENT PRIMARY KEY, name varchar(100) NOT NULL, parent_id int REFERENCES categories(id));
        CREATE TABLE products (
            id int AUTO_INCREMENT PRIMARY KEY, sku varchar(50) NOT NULL UNIQUE, name varchar(200) NOT NULL, price decimal(10,2) NOT NULL,
            category_id int REFERENCES categories(id), discontinued boolean NOT NULL DEFAULT false);
        CREATE TABLE orders (
            id int AUTO_INCREMENT PRIMARY KEY, user_id int NOT NULL REFERENCES users(id),
            status ENUM('pending', 'paid', 'shipped', 'cancelled') NOT NULL DEFAULT 'pending',
            total decimal(10,2) NOT NULL DEFAULT 0, created_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP, shipped_at datetime NULL);
        CREATE TABLE order_items (
            order_id int NOT NULL REFERENCES orders(id), product_id int NOT NULL REFERENCES products(id),
            quantity int NOT NULL, unit_price decimal(10,2) NOT NULL, PRIMARY KEY (order_id, product_id));
        CREATE TABLE reviews (
            id int AUTO_INCREMENT PRIMARY KEY, product_id int NOT NULL REFERENCES products(id), user_id int NOT NULL REFERENCES users(id),
            rating int NOT NULL, body text);
        CREATE TABLE Accounts (Id int PRIMARY KEY, OwnerName varchar(100), balance decimal(12,2));
        CREATE VIEW active_users AS SELECT id, email, display_name FROM users WHERE NOT is_admin;
        CREATE VIEW order_totals AS SELECT user_id, sum(total) AS lifetime_total, count(*) AS order_count FROM orders GROUP BY user_id;
        CREATE FUNCTION order_total(p_order_id int) RETURNS decimal(12,2) READS SQL DATA
            RETURN (SELECT coalesce(sum(quantity * unit_price), 0) FROM order_items WHERE order_id = p_order_id);
        CREATE PROCEDURE archive_orders(days int) SELECT 1;
        """;

    public const string Sqlite = """
        CREATE TABLE users (
            id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, display_name TEXT,
            created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP, is_admin INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE categories (id INTEGER PRIMARY KEY, name TEXT NOT NULL, parent_id INTEGER REFERENCES categories(id));
        CREATE TABLE products (
            id INTEGER PRIMARY KEY, sku TEXT NOT NULL UNIQUE, name TEXT NOT NULL, price NUMERIC NOT NULL,
            category_id INTEGER REFERENCES categories(id), discontinued INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE orders (
            id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id),
            status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid', 'shipped', 'cancelled')),
            total NUMERIC NOT NULL DEFAULT 0, created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP, shipped_at TEXT);
        CREATE TABLE order_items (
            order_id INTEGER NOT NULL REFERENCES orders(id), product_id INTEGER NOT NULL REFERENCES products(id),
            quantity INTEGER NOT NULL, unit_price NUMERIC NOT NULL, PRIMARY KEY (order_id, product_id));
        CREATE TABLE reviews (
            id INTEGER PRIMARY KEY, product_id INTEGER NOT NULL REFERENCES products(id), user_id INTEGER NOT NULL REFERENCES users(id),
            rating INTEGER NOT NULL, body TEXT);
        CREATE TABLE Accounts (Id INTEGER PRIMARY KEY, OwnerName TEXT, balance NUMERIC);
        CREATE VIEW active_users AS SELECT id, email, display_name FROM users WHERE NOT is_admin;
        CREATE VIEW order_totals AS SELECT user_id, sum(total) AS lifetime_total, count(*) AS order_count FROM orders GROUP BY user_id;
        """;
}
