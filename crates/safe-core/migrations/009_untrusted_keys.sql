-- Schema 9: a customs key the trader withdrew trust from (`safe-assess key untrust`) is kept with
-- the day it was untrusted, so a later review signed by it is refused (until trusted again), for
-- the applications it was pinned for as for new ones. Additive: no key is untrusted yet.
ALTER TABLE trusted_keys ADD COLUMN untrusted_at TEXT;
