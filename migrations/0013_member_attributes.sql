-- Analytics data (issue 15 item 1, analytics.md "Data"): what a member told us about themselves and which channels
-- they agreed to be contacted on, and where a purchase happened.

-- Free key/value facts (favourite_color: "green", kids: 2, vegan: true). The service validates keys, values and
-- size (src/members/attributes.ts); the checks here only keep the shape every reader relies on.
ALTER TABLE members ADD COLUMN attributes jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(attributes) = 'object');
-- Per channel (push, sms, email, whatsapp, ...): {"granted": true|false, "updated_at": "..."}. A channel absent is a
-- channel the member never agreed to: notifications skip it.
ALTER TABLE members ADD COLUMN consents jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(consents) = 'object');

-- Where the sale happened (store, web, app, ...; promotions may be limited to channels) and on what (a till id, an
-- app platform): free text, NULL when the purchase did not say, as every purchase before this migration.
ALTER TABLE purchases ADD COLUMN channel text;
ALTER TABLE purchases ADD COLUMN device text;
