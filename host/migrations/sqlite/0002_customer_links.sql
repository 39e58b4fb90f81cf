-- A person behind one or more channel identities: identities with the same
-- email address or handle are linked, and agents can link others explicitly.
ALTER TABLE customers ADD COLUMN person_id INTEGER;
UPDATE customers SET person_id = id;
CREATE INDEX customers_person ON customers (brand, person_id);
CREATE INDEX customers_email ON customers (brand, email);
CREATE INDEX customers_handle ON customers (brand, handle);
