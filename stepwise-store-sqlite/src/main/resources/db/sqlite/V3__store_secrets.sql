-- Secrets of this store, made once: the key page tokens are sealed with ('page-tokens'), so tokens
-- outlive a restart.
CREATE TABLE store_secrets (
  name  TEXT PRIMARY KEY,
  value BLOB NOT NULL
);
