-- The plugins' key-value entries, durable: one namespace per brand × plugin.
-- `bytes` is the key's and the value's length in bytes, summed for quotas.
CREATE TABLE plugin_kv (
    brand  TEXT    NOT NULL,
    plugin TEXT    NOT NULL,
    key    TEXT    NOT NULL,
    value  BLOB    NOT NULL,
    bytes  INTEGER NOT NULL,
    PRIMARY KEY (brand, plugin, key)
);
