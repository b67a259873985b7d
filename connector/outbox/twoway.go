package outbox

// Migration 7: listening as well as speaking (replies, refusals per channel,
// İYS consent). Its SQL lives here, beside the code that reads it.
//
//   - optout gets a channel ("" every channel, as every entry was before), a
//     scope (every message, or commercial ones only: the law lets a shop keep
//     sending invoices to someone who refused campaigns), where the refusal
//     came from and its proof (the reply), and the state of its copy at the
//     provider's blacklist and in İYS.
//   - replies holds what customers sent back, deduplicated on a keyed hash so
//     that reading a provider's inbox twice stores nothing twice.
//   - consent caches İYS's answer per address, kind and recipient type, with
//     the consent's date and source as İYS gave them.
//   - messages.merchant marks a recipient the ERP knows as a merchant (tacir):
//     İYS asks merchants no prior consent, only that they did not refuse.
const migrationTwoWay = `CREATE TABLE optout_v7 (
		recipient TEXT NOT NULL,
		channel   TEXT NOT NULL DEFAULT '', -- '' every channel
		scope     TEXT NOT NULL DEFAULT 'all', -- all | commercial
		added_at  INTEGER NOT NULL, -- when it took effect
		note      TEXT NOT NULL DEFAULT '',
		source    TEXT NOT NULL DEFAULT 'operator', -- operator | reply | bounce | provider
		reply_id  INTEGER, -- the reply that asked: the refusal's proof
		blacklist TEXT NOT NULL DEFAULT '', -- its copy at the provider's blacklist: '' none wanted, pending, done, or the error
		iys       TEXT NOT NULL DEFAULT '', -- its copy in İYS: '' none wanted, pending, done, or the error
		PRIMARY KEY (recipient, channel)
	);
	INSERT INTO optout_v7 (recipient, channel, scope, added_at, note, source)
		SELECT recipient, '', 'all', added_at, note, 'operator' FROM optout;
	DROP TABLE optout;
	ALTER TABLE optout_v7 RENAME TO optout;
	CREATE TABLE replies (
		id          INTEGER PRIMARY KEY,
		channel     TEXT NOT NULL,
		provider    TEXT NOT NULL,
		sender      TEXT NOT NULL, -- normalised; masked once purged
		sender_mac  BLOB, -- keyed hash of the sender, so forget finds a purged reply
		receiver    TEXT NOT NULL DEFAULT '', -- the shop's number it was sent to
		text        TEXT NOT NULL DEFAULT '',
		provider_id TEXT NOT NULL DEFAULT '', -- the provider's id of the reply, when it has one
		received_at INTEGER NOT NULL, -- the provider's time
		stored_at   INTEGER NOT NULL,
		dedupe      BLOB NOT NULL UNIQUE, -- keyed hash of channel, sender, time and text (or the provider's id)
		refusal     INTEGER NOT NULL DEFAULT 0,
		purged_at   INTEGER
	);
	CREATE INDEX replies_received ON replies (received_at);
	CREATE INDEX replies_sender ON replies (sender);
	CREATE TABLE consent (
		recipient      TEXT NOT NULL,
		type           TEXT NOT NULL, -- İYS: MESAJ, EPOSTA
		recipient_type TEXT NOT NULL, -- İYS: BIREYSEL, TACIR
		status         TEXT NOT NULL, -- ONAY, RET, or '' (İYS has no record)
		consent_date   TEXT NOT NULL DEFAULT '', -- as İYS gave it
		source         TEXT NOT NULL DEFAULT '', -- as İYS gave it (HS_WEB, ...)
		checked_at     INTEGER NOT NULL,
		PRIMARY KEY (recipient, type, recipient_type)
	);
	ALTER TABLE messages ADD COLUMN merchant INTEGER NOT NULL DEFAULT 0;`
