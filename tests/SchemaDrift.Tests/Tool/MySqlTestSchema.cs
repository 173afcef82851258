namespace SchemaDrift.Tests.Tool;

/// <summary>
/// A realistic MySQL/MariaDB schema for the introspection tests: a shop with ENUM and SET
/// columns, JSON, auto_increment, stored and virtual generated columns, composite,
/// descending, prefix, unique and FULLTEXT indexes, foreign keys with actions, checks
/// (column and table level), views, a partitioned table, a function, a procedure,
/// triggers, and hostile identifiers (reserved words, spaces, backticks, quotes,
/// unicode, 64-character names).
/// </summary>
internal static class MySqlTestSchema
{
    public const string Name64 = "t234567890123456789012345678901234567890123456789012345678901234";
    public const string Column64 = "c234567890123456789012345678901234567890123456789012345678901234";

    public const string Sql = """
        CREATE TABLE tenants (
          id INT NOT NULL PRIMARY KEY,
          name VARCHAR(100) NOT NULL
        ) ENGINE=InnoDB;

        CREATE TABLE customers (
          id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
          tenant_id INT NOT NULL DEFAULT 1,
          email VARCHAR(254) NOT NULL,
          display_name VARCHAR(200) COLLATE utf8mb4_bin NULL,
          created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
          preferences JSON NULL,
          UNIQUE KEY customers_email_key (tenant_id, email),
          KEY customers_name_prefix (display_name(10)),
          CONSTRAINT customers_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenants (id),
          CONSTRAINT customers_name_len CHECK (CHAR_LENGTH(display_name) <= 200)
        ) ENGINE=InnoDB COMMENT='People who buy things';

        CREATE TABLE products (
          id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
          sku VARCHAR(32) NOT NULL,
          name VARCHAR(200) NOT NULL,
          price DECIMAL(10,2) NOT NULL CHECK (price >= 0),
          status ENUM('active','discontinued','it''s') NOT NULL DEFAULT 'active',
          flags SET('new','sale') NOT NULL DEFAULT '',
          is_visible TINYINT(1) NOT NULL DEFAULT 1,
          description TEXT,
          UNIQUE KEY products_sku_key (sku),
          FULLTEXT KEY products_name_ft (name, description)
        ) ENGINE=InnoDB;

        CREATE TABLE orders (
          id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
          customer_id INT NOT NULL,
          status ENUM('pending','paid','shipped') NOT NULL DEFAULT 'pending',
          placed_at DATETIME(3) NOT NULL,
          note VARCHAR(500) NULL COMMENT 'free text',
          KEY orders_customer_placed_idx (customer_id, placed_at DESC),
          CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id)
            ON DELETE CASCADE ON UPDATE RESTRICT
        ) ENGINE=InnoDB;

        CREATE TABLE order_items (
          order_id BIGINT NOT NULL,
          line_no SMALLINT NOT NULL,
          product_id BIGINT UNSIGNED NULL,
          quantity INT NOT NULL,
          unit_price DECIMAL(10,2) NOT NULL,
          line_total DECIMAL(12,2) AS (quantity * unit_price) STORED,
          is_bulk TINYINT(1) AS (quantity >= 100) VIRTUAL,
          PRIMARY KEY (order_id, line_no),
          CONSTRAINT order_items_order_fk FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
          CONSTRAINT order_items_product_fk FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE SET NULL,
          CONSTRAINT order_items_quantity_positive CHECK (quantity > 0)
        ) ENGINE=InnoDB;

        CREATE TABLE audit_log (
          id BIGINT NOT NULL AUTO_INCREMENT,
          table_name VARCHAR(64) NOT NULL,
          action VARCHAR(10) NOT NULL,
          at TIMESTAMP NOT NULL DEFAULT '2020-01-01 00:00:00',
          PRIMARY KEY (id, at)
        ) ENGINE=InnoDB
        PARTITION BY RANGE (UNIX_TIMESTAMP(at)) (
          PARTITION p2024 VALUES LESS THAN (1735689600),
          PARTITION pmax VALUES LESS THAN MAXVALUE
        );

        CREATE TABLE `Mixed Case Table` (
          `Id` INT NOT NULL PRIMARY KEY,
          `select` TEXT,
          `Space Column` INT,
          `back``tick` INT,
          `quote"d` INT,
          `naïve_日本語` VARCHAR(20)
        ) ENGINE=InnoDB;
        CREATE TABLE `order` (`group` INT, `from` VARCHAR(10)) ENGINE=InnoDB;
        CREATE TABLE t234567890123456789012345678901234567890123456789012345678901234 (
          c234567890123456789012345678901234567890123456789012345678901234 INT
        ) ENGINE=InnoDB;

        CREATE VIEW active_customers AS
          SELECT c.id, c.email, c.display_name FROM customers c WHERE c.created_at > '2000-01-01';
        CREATE VIEW `Odd View` AS SELECT `Id`, `select` FROM `Mixed Case Table`;

        CREATE FUNCTION order_total(p_order BIGINT) RETURNS DECIMAL(12,2)
          DETERMINISTIC READS SQL DATA
          RETURN (SELECT COALESCE(SUM(line_total), 0) FROM order_items WHERE order_id = p_order);
        CREATE PROCEDURE archive_orders(IN p_before DATE, OUT p_count INT)
          SQL SECURITY INVOKER
          BEGIN
            SELECT COUNT(*) INTO p_count FROM orders WHERE placed_at < p_before;
          END;

        CREATE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW
          INSERT INTO audit_log (table_name, action, at) VALUES ('orders', 'insert', '2024-06-01');
        CREATE TRIGGER customers_touch BEFORE UPDATE ON customers FOR EACH ROW
          BEGIN
            SET NEW.email = LOWER(NEW.email);
          END;
        """;
}
