-- merchant-console schema at migration 0018
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
CREATE TABLE audit_log (
	seq INTEGER NOT NULL, 
	at_ms BIGINT NOT NULL, 
	kind VARCHAR NOT NULL, 
	actor VARCHAR NOT NULL, 
	refund_id VARCHAR, 
	payload TEXT NOT NULL, 
	prev_hash VARCHAR(64) NOT NULL, 
	hash VARCHAR(64) NOT NULL, 
	PRIMARY KEY (seq)
);
CREATE INDEX ix_audit_log_refund_id ON audit_log (refund_id);
CREATE TABLE evidence_blobs (
	sha256 VARCHAR(64) NOT NULL, 
	size BIGINT NOT NULL, 
	stored_at BIGINT NOT NULL, 
	last_access_at BIGINT NOT NULL, 
	PRIMARY KEY (sha256)
);
CREATE INDEX ix_evidence_blobs_last_access_at ON evidence_blobs (last_access_at);
CREATE TABLE quarantine (
	id INTEGER NOT NULL, 
	refund_id VARCHAR, 
	raw TEXT NOT NULL, 
	error TEXT NOT NULL, 
	received_at BIGINT NOT NULL, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_quarantine_refund_id ON quarantine (refund_id);
CREATE TABLE reason_templates (
	id INTEGER NOT NULL, 
	action VARCHAR NOT NULL, 
	name VARCHAR NOT NULL, 
	text TEXT NOT NULL, 
	reason_code VARCHAR, 
	shortcut INTEGER, 
	position INTEGER NOT NULL, 
	lang VARCHAR NOT NULL, 
	updated_at BIGINT NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_reason_templates_name UNIQUE (action, lang, name)
);
CREATE TABLE refunds (
	id VARCHAR NOT NULL, 
	version BIGINT NOT NULL, 
	order_no VARCHAR NOT NULL, 
	product_sku VARCHAR, 
	product_name VARCHAR NOT NULL, 
	product_category VARCHAR NOT NULL, 
	face_value_fen BIGINT NOT NULL, 
	quantity INTEGER NOT NULL, 
	paid_fen BIGINT NOT NULL, 
	currency VARCHAR NOT NULL, 
	payment_channel VARCHAR NOT NULL, 
	buyer_id VARCHAR NOT NULL, 
	buyer_nickname VARCHAR NOT NULL, 
	buyer_refunds_90d INTEGER NOT NULL, 
	buyer_orders_90d INTEGER NOT NULL, 
	delivered_at BIGINT, 
	card_status VARCHAR NOT NULL, 
	card_used_fen BIGINT NOT NULL, 
	type VARCHAR NOT NULL, 
	requested_fen BIGINT NOT NULL, 
	reason TEXT NOT NULL, 
	status VARCHAR NOT NULL, 
	submitted_at BIGINT NOT NULL, 
	due_at BIGINT NOT NULL, 
	fast_refund BOOLEAN NOT NULL, 
	auto_approve_at BIGINT, 
	urged_at BIGINT, 
	escalates_at BIGINT, 
	previous_refund_id VARCHAR, 
	decision_action VARCHAR, 
	decision_amount_fen BIGINT, 
	decision_reason_code VARCHAR, 
	decision_reason_text TEXT, 
	decision_by_kind VARCHAR, 
	decision_by_id VARCHAR, 
	decision_by_name VARCHAR, 
	decision_at BIGINT, 
	decision_evidence_ids JSON, 
	appeal JSON, 
	appeal_statement_due_at BIGINT, 
	payout JSON, 
	payout_status VARCHAR, 
	timeline JSON NOT NULL, 
	updated_at BIGINT NOT NULL, 
	evidence_count INTEGER NOT NULL, 
	next_deadline_at BIGINT, odd_fields JSON, negotiation JSON, negotiation_state VARCHAR, negotiation_respond_by BIGINT, extension JSON, evidence_request_due_at BIGINT, messages_count INTEGER DEFAULT '0' NOT NULL, messages_last_at BIGINT, messages_last_from VARCHAR, unanswered_buyer INTEGER DEFAULT '0' NOT NULL, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_refunds_buyer_id ON refunds (buyer_id);
CREATE INDEX ix_refunds_decision_at ON refunds (decision_at);
CREATE INDEX ix_refunds_order_no ON refunds (order_no);
CREATE INDEX ix_refunds_previous_refund_id ON refunds (previous_refund_id);
CREATE INDEX ix_refunds_submitted_at ON refunds (submitted_at);
CREATE INDEX ix_refunds_updated_at ON refunds (updated_at);
CREATE TABLE sync_state (
	id INTEGER NOT NULL, 
	platform_url VARCHAR, 
	cursor TEXT NOT NULL, 
	clock_offset_ms BIGINT NOT NULL, 
	last_sync_at BIGINT, 
	last_full_sync_at BIGINT, 
	full_resyncs INTEGER NOT NULL, 
	merchant_id VARCHAR, 
	merchant_name VARCHAR, 
	staff_id VARCHAR, 
	staff_name VARCHAR, 
	role VARCHAR, 
	policy JSON, 
	reason_codes JSON, 
	announcement TEXT, 
	PRIMARY KEY (id)
);
CREATE TABLE decisions (
	id INTEGER NOT NULL, 
	refund_id VARCHAR NOT NULL, 
	action VARCHAR NOT NULL, 
	amount_fen BIGINT, 
	reason_code VARCHAR, 
	reason_text TEXT, 
	evidence_ids JSON NOT NULL, 
	staff_id VARCHAR NOT NULL, 
	staff_name VARCHAR NOT NULL, 
	base_version BIGINT NOT NULL, 
	created_at BIGINT NOT NULL, 
	state VARCHAR NOT NULL, 
	message TEXT, 
	field_errors JSON, 
	platform_decision JSON, 
	resolved_at BIGINT, acknowledged_at BIGINT, acknowledged_by VARCHAR, 
	PRIMARY KEY (id), 
	FOREIGN KEY(refund_id) REFERENCES refunds (id)
);
CREATE INDEX ix_decisions_refund_id ON decisions (refund_id);
CREATE INDEX ix_decisions_state ON decisions (state);
CREATE TABLE evidence (
	refund_id VARCHAR NOT NULL, 
	id VARCHAR NOT NULL, 
	kind VARCHAR NOT NULL, 
	content_type VARCHAR NOT NULL, 
	bytes BIGINT NOT NULL, 
	sha256 VARCHAR(64) NOT NULL, 
	uploaded_at BIGINT, 
	position INTEGER NOT NULL, 
	fetch_error TEXT, 
	PRIMARY KEY (refund_id, id), 
	FOREIGN KEY(refund_id) REFERENCES refunds (id) ON DELETE CASCADE
);
CREATE INDEX ix_evidence_sha256 ON evidence (sha256);
CREATE TABLE outbox (
	id INTEGER NOT NULL, 
	kind VARCHAR NOT NULL, 
	decision_id INTEGER, 
	refund_id VARCHAR NOT NULL, 
	idempotency_key VARCHAR(255) NOT NULL, 
	if_match BIGINT NOT NULL, 
	body JSON NOT NULL, 
	state VARCHAR NOT NULL, 
	attempts INTEGER NOT NULL, 
	next_attempt_at BIGINT NOT NULL, 
	last_error TEXT, 
	created_at BIGINT NOT NULL, 
	first_sent_at BIGINT, 
	completed_at BIGINT, claimed_by VARCHAR, claimed_until BIGINT, 
	PRIMARY KEY (id), 
	FOREIGN KEY(decision_id) REFERENCES decisions (id), 
	UNIQUE (idempotency_key)
);
CREATE INDEX ix_outbox_state_next ON outbox (state, next_attempt_at);
CREATE VIRTUAL TABLE refunds_fts USING fts5(id, order_no, product_name, buyer_nickname, buyer_id, reason, content='refunds', content_rowid='rowid', tokenize='trigram');
CREATE TABLE evidence_facts (
	sha256 VARCHAR(64) NOT NULL, 
	processed_at BIGINT NOT NULL, 
	broken VARCHAR, 
	detail TEXT, 
	format VARCHAR, 
	width INTEGER, 
	height INTEGER, 
	orientation INTEGER, 
	camera_make VARCHAR, 
	camera_model VARCHAR, 
	software VARCHAR, 
	editor VARCHAR, 
	taken_at VARCHAR, 
	dhash VARCHAR(64), 
	PRIMARY KEY (sha256)
);
CREATE INDEX ix_evidence_facts_editor ON evidence_facts (editor);
CREATE TABLE evidence_similar (
	sha_a VARCHAR(64) NOT NULL, 
	sha_b VARCHAR(64) NOT NULL, 
	distance INTEGER NOT NULL, 
	PRIMARY KEY (sha_a, sha_b)
);
CREATE INDEX ix_evidence_similar_sha_b ON evidence_similar (sha_b);
CREATE TABLE evidence_flags (
	id INTEGER NOT NULL, 
	refund_id VARCHAR NOT NULL, 
	evidence_id VARCHAR NOT NULL, 
	sha256 VARCHAR(64) NOT NULL, 
	note TEXT NOT NULL, 
	staff_id VARCHAR, 
	staff_name VARCHAR, 
	created_at BIGINT NOT NULL, 
	cleared_at BIGINT, 
	PRIMARY KEY (id), 
	FOREIGN KEY(refund_id) REFERENCES refunds (id) ON DELETE CASCADE
);
CREATE INDEX ix_evidence_flags_refund_id ON evidence_flags (refund_id);
CREATE INDEX ix_refunds_queue_status ON refunds (status, next_deadline_at, submitted_at, id, due_at, urged_at, fast_refund, auto_approve_at, type, product_category, payment_channel, paid_fen);
CREATE INDEX ix_refunds_queue_all ON refunds (next_deadline_at, submitted_at, id, status, type, product_category, payment_channel, paid_fen);
CREATE TRIGGER refunds_fts_ai AFTER INSERT ON refunds BEGIN INSERT INTO refunds_fts(rowid, id, order_no, product_name, buyer_nickname, buyer_id, reason) VALUES (new.rowid, ' ' || coalesce(new.id, '') || ' ', ' ' || coalesce(new.order_no, '') || ' ', ' ' || coalesce(new.product_name, '') || ' ', ' ' || coalesce(new.buyer_nickname, '') || ' ', ' ' || coalesce(new.buyer_id, '') || ' ', ' ' || coalesce(new.reason, '') || ' '); END;
CREATE TRIGGER refunds_fts_ad AFTER DELETE ON refunds BEGIN INSERT INTO refunds_fts(refunds_fts, rowid, id, order_no, product_name, buyer_nickname, buyer_id, reason) VALUES ('delete', old.rowid, ' ' || coalesce(old.id, '') || ' ', ' ' || coalesce(old.order_no, '') || ' ', ' ' || coalesce(old.product_name, '') || ' ', ' ' || coalesce(old.buyer_nickname, '') || ' ', ' ' || coalesce(old.buyer_id, '') || ' ', ' ' || coalesce(old.reason, '') || ' '); END;
CREATE TABLE refunds_search (rowid INTEGER NOT NULL PRIMARY KEY, text TEXT NOT NULL);
CREATE TRIGGER refunds_search_ai AFTER INSERT ON refunds BEGIN INSERT OR REPLACE INTO refunds_search (rowid, text) VALUES (new.rowid, lower(coalesce(new.id, '') || char(31) || coalesce(new.order_no, '') || char(31) || coalesce(new.product_name, '') || char(31) || coalesce(new.buyer_nickname, '') || char(31) || coalesce(new.buyer_id, '') || char(31) || coalesce(new.reason, ''))); END;
CREATE TRIGGER refunds_search_ad AFTER DELETE ON refunds BEGIN DELETE FROM refunds_search WHERE rowid = old.rowid; END;
CREATE INDEX ix_refunds_awaiting_due ON refunds (due_at) WHERE status = 'awaiting_merchant';
CREATE INDEX ix_refunds_awaiting_auto ON refunds (auto_approve_at) WHERE status = 'awaiting_merchant' AND fast_refund = 1;
CREATE INDEX ix_refunds_awaiting_urged ON refunds (urged_at) WHERE status = 'awaiting_merchant' AND urged_at IS NOT NULL;
CREATE TABLE replaced_decisions (
	refund_id VARCHAR NOT NULL, 
	at BIGINT NOT NULL, 
	action VARCHAR, 
	amount_fen BIGINT, 
	reason_code VARCHAR, 
	reason_text TEXT, 
	by_kind VARCHAR, 
	by_id VARCHAR, 
	by_name VARCHAR, 
	PRIMARY KEY (refund_id, at), 
	FOREIGN KEY(refund_id) REFERENCES refunds (id) ON DELETE CASCADE
);
CREATE INDEX ix_replaced_decisions_at ON replaced_decisions (at);
CREATE TRIGGER refunds_keep_replaced_decision AFTER UPDATE OF decision_at, decision_by_kind ON refunds WHEN old.decision_by_kind = 'staff' AND old.decision_at IS NOT NULL AND (new.decision_at IS NOT old.decision_at OR new.decision_by_kind IS NOT old.decision_by_kind) BEGIN INSERT OR IGNORE INTO replaced_decisions (refund_id, at, action, amount_fen, reason_code, reason_text, by_kind, by_id, by_name) VALUES (old.id, old.decision_at, old.decision_action, old.decision_amount_fen, old.decision_reason_code, old.decision_reason_text, old.decision_by_kind, old.decision_by_id, old.decision_by_name); END;
CREATE TABLE audit_head (
	id INTEGER NOT NULL, 
	seq INTEGER NOT NULL, 
	hash VARCHAR NOT NULL, 
	mac VARCHAR, 
	PRIMARY KEY (id)
);
CREATE TABLE refund_messages (
	refund_id VARCHAR NOT NULL, 
	id VARCHAR NOT NULL, 
	at BIGINT NOT NULL, 
	sender VARCHAR NOT NULL, 
	by_id VARCHAR, 
	by_name VARCHAR, 
	text TEXT NOT NULL, 
	evidence_ids JSON NOT NULL, 
	read_at BIGINT, 
	PRIMARY KEY (refund_id, id), 
	FOREIGN KEY(refund_id) REFERENCES refunds (id) ON DELETE CASCADE
);
CREATE INDEX ix_refund_messages_refund_at ON refund_messages (refund_id, at);
CREATE TABLE refund_proposals (
	refund_id VARCHAR NOT NULL, 
	round INTEGER NOT NULL, 
	kind VARCHAR NOT NULL, 
	amount_fen BIGINT, 
	requested_fen BIGINT NOT NULL, 
	message TEXT NOT NULL, 
	proposed_at BIGINT NOT NULL, 
	respond_by BIGINT NOT NULL, 
	by_id VARCHAR, 
	by_name VARCHAR, 
	state VARCHAR NOT NULL, 
	answered_at BIGINT, 
	buyer_message TEXT, 
	PRIMARY KEY (refund_id, round), 
	FOREIGN KEY(refund_id) REFERENCES refunds (id) ON DELETE CASCADE
);
CREATE INDEX ix_refund_proposals_proposed_at ON refund_proposals (proposed_at);
CREATE TABLE refund_extensions (
	refund_id VARCHAR NOT NULL, 
	hours INTEGER NOT NULL, 
	reason_code VARCHAR, 
	reason_text TEXT, 
	at BIGINT NOT NULL, 
	by_id VARCHAR, 
	by_name VARCHAR, 
	PRIMARY KEY (refund_id), 
	FOREIGN KEY(refund_id) REFERENCES refunds (id) ON DELETE CASCADE
);
CREATE INDEX ix_refund_extensions_at ON refund_extensions (at);
CREATE TABLE evidence_requests (
	refund_id VARCHAR NOT NULL, 
	id VARCHAR NOT NULL, 
	question TEXT NOT NULL, 
	asked_at BIGINT NOT NULL, 
	due_at BIGINT NOT NULL, 
	answer_text TEXT, 
	answer_evidence_ids JSON, 
	answered_at BIGINT, 
	answered_by_id VARCHAR, 
	answered_by_name VARCHAR, 
	PRIMARY KEY (refund_id, id), 
	FOREIGN KEY(refund_id) REFERENCES refunds (id) ON DELETE CASCADE
);
CREATE INDEX ix_evidence_requests_due_at ON evidence_requests (due_at);
CREATE TABLE evidence_signature (
	sha256 VARCHAR(64) NOT NULL, 
	version INTEGER NOT NULL, 
	keys BLOB NOT NULL, 
	data BLOB NOT NULL, 
	PRIMARY KEY (sha256)
);
CREATE TABLE evidence_text (
	sha256 VARCHAR(64) NOT NULL, 
	status VARCHAR NOT NULL, 
	read_at BIGINT NOT NULL, 
	engine VARCHAR NOT NULL, 
	seconds FLOAT, 
	text TEXT NOT NULL, 
	lines JSON NOT NULL, 
	detail TEXT, 
	PRIMARY KEY (sha256)
);
CREATE TABLE message_images (
	refund_id VARCHAR NOT NULL, 
	id VARCHAR NOT NULL, 
	sha256 VARCHAR(64), 
	content_type VARCHAR, 
	bytes BIGINT, 
	fetched_at BIGINT, 
	fetch_error TEXT, 
	PRIMARY KEY (refund_id, id), 
	FOREIGN KEY(refund_id) REFERENCES refunds (id) ON DELETE CASCADE
);
CREATE TABLE message_reads (
	refund_id VARCHAR NOT NULL, 
	message_id VARCHAR NOT NULL, 
	staff_id VARCHAR NOT NULL, 
	read_at BIGINT NOT NULL, 
	PRIMARY KEY (refund_id, message_id, staff_id), 
	FOREIGN KEY(refund_id) REFERENCES refunds (id) ON DELETE CASCADE
);
CREATE INDEX ix_refunds_unanswered_buyer ON refunds (messages_last_at, status, unanswered_buyer) WHERE unanswered_buyer > 0;
CREATE INDEX ix_refunds_evidence_request_due ON refunds (evidence_request_due_at, status) WHERE evidence_request_due_at IS NOT NULL;
CREATE TRIGGER refunds_fts_au AFTER UPDATE OF id, order_no, product_name, buyer_nickname, buyer_id, reason ON refunds WHEN new.id IS NOT old.id OR new.order_no IS NOT old.order_no OR new.product_name IS NOT old.product_name OR new.buyer_nickname IS NOT old.buyer_nickname OR new.buyer_id IS NOT old.buyer_id OR new.reason IS NOT old.reason BEGIN INSERT INTO refunds_fts(refunds_fts, rowid, id, order_no, product_name, buyer_nickname, buyer_id, reason) VALUES ('delete', old.rowid, ' ' || coalesce(old.id, '') || ' ', ' ' || coalesce(old.order_no, '') || ' ', ' ' || coalesce(old.product_name, '') || ' ', ' ' || coalesce(old.buyer_nickname, '') || ' ', ' ' || coalesce(old.buyer_id, '') || ' ', ' ' || coalesce(old.reason, '') || ' '); INSERT INTO refunds_fts(rowid, id, order_no, product_name, buyer_nickname, buyer_id, reason) VALUES (new.rowid, ' ' || coalesce(new.id, '') || ' ', ' ' || coalesce(new.order_no, '') || ' ', ' ' || coalesce(new.product_name, '') || ' ', ' ' || coalesce(new.buyer_nickname, '') || ' ', ' ' || coalesce(new.buyer_id, '') || ' ', ' ' || coalesce(new.reason, '') || ' '); END;
CREATE TRIGGER refunds_search_au AFTER UPDATE OF id, order_no, product_name, buyer_nickname, buyer_id, reason ON refunds WHEN new.id IS NOT old.id OR new.order_no IS NOT old.order_no OR new.product_name IS NOT old.product_name OR new.buyer_nickname IS NOT old.buyer_nickname OR new.buyer_id IS NOT old.buyer_id OR new.reason IS NOT old.reason BEGIN UPDATE refunds_search SET text = lower(coalesce(new.id, '') || char(31) || coalesce(new.order_no, '') || char(31) || coalesce(new.product_name, '') || char(31) || coalesce(new.buyer_nickname, '') || char(31) || coalesce(new.buyer_id, '') || char(31) || coalesce(new.reason, '')) WHERE rowid = new.rowid; END;
CREATE INDEX ix_refunds_awaiting_moment ON refunds (next_deadline_at, status) WHERE status = 'awaiting_merchant';
INSERT INTO alembic_version (version_num) VALUES ('0018');
