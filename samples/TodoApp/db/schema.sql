-- The sample's database. ./build/demo.sh creates app.db from this file.
CREATE TABLE users (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    email       TEXT    NOT NULL UNIQUE,
    display_name TEXT,
    created_at  TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE todos (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    title      TEXT    NOT NULL,
    done       INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    due_date   TEXT
);

CREATE INDEX ix_todos_user ON todos(user_id);

CREATE VIEW open_todos AS
    SELECT t.id, t.title, u.email
    FROM todos t JOIN users u ON u.id = t.user_id
    WHERE t.done = 0;
