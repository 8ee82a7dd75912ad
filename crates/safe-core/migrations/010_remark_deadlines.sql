-- Schema 10: remark deadlines. Customs: each application's days for the trader to answer a remark
-- (set when it is opened, as its days to accept and decide; 30 by default), and each remark's due
-- date (the day it was raised plus those days, or the one the validator gave); an existing remark
-- is due 30 days after it was raised. Trader: the due date a review file of version 2 carries
-- (none for a remark received in a version-1 file).
ALTER TABLE applications ADD COLUMN remark_days INTEGER NOT NULL DEFAULT 30;
ALTER TABLE review_remarks ADD COLUMN due_on TEXT;
UPDATE review_remarks SET due_on = date(substr(at, 1, 10), '+30 days');
ALTER TABLE received_remarks ADD COLUMN due_on TEXT;
