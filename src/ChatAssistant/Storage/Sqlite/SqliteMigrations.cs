namespace ChatAssistant.Storage.Sqlite;

/// <summary>
/// The SQLite schema, as an append-only list: never edit a migration that has shipped, add the next one (and the
/// same version for every other provider). Times are Unix milliseconds (UTC); statuses are the engine's enum values.
/// </summary>
internal static class SqliteMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "owners, conversations, answers, inbox and outbox", """
            CREATE TABLE users (
                id INTEGER PRIMARY KEY,
                channel TEXT NOT NULL,
                chat_id TEXT NOT NULL,
                language TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                last_seen_at INTEGER NOT NULL,
                UNIQUE (channel, chat_id)
            );

            -- Profile values shared by every dialog (name, province, sector, scale...): one row a value, so
            -- that segments can filter on them with an index.
            CREATE TABLE profile_values (
                user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (user_id, key)
            ) WITHOUT ROWID;

            CREATE TABLE conversations (
                id INTEGER PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                dialog_id TEXT NOT NULL,
                dialog_version INTEGER NOT NULL,
                step_id TEXT NOT NULL,
                status INTEGER NOT NULL,
                outcome TEXT,
                history TEXT NOT NULL,
                started_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            );
            -- Active (0) and paused (1) conversations are loaded with every message.
            CREATE INDEX conversations_open ON conversations (user_id) WHERE status < 2;
            CREATE INDEX conversations_dialog ON conversations (dialog_id, status, outcome);

            CREATE TABLE answers (
                conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (conversation_id, key)
            ) WITHOUT ROWID;

            -- Inbound message ids already handled, so a redelivered message is never applied twice.
            CREATE TABLE inbox (
                channel TEXT NOT NULL,
                message_id TEXT NOT NULL,
                received_at INTEGER NOT NULL,
                PRIMARY KEY (channel, message_id)
            ) WITHOUT ROWID;

            -- Replies (priority 0) and announcements (priority 1) waiting to be sent, written in the same
            -- transaction as the message that caused them.
            CREATE TABLE outbox (
                id INTEGER PRIMARY KEY,
                user_id INTEGER NOT NULL,
                channel TEXT NOT NULL,
                chat_id TEXT NOT NULL,
                priority INTEGER NOT NULL,
                text TEXT NOT NULL,
                buttons TEXT,
                created_at INTEGER NOT NULL,
                not_before INTEGER NOT NULL DEFAULT 0,
                attempts INTEGER NOT NULL DEFAULT 0,
                sent_at INTEGER,
                failed_at INTEGER,
                error TEXT
            );
            CREATE INDEX outbox_pending ON outbox (priority, id) WHERE sent_at IS NULL AND failed_at IS NULL;

            -- Per-channel positions (e.g. Telegram's next getUpdates offset), committed with the updates they cover.
            CREATE TABLE channel_state (
                channel TEXT NOT NULL,
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (channel, key)
            ) WITHOUT ROWID;
            """),
        new(2, "unreachable owners and the channel's id of each sent message", """
            -- Set when a channel says the owner blocked the assistant; nothing more is sent until they write again.
            ALTER TABLE users ADD COLUMN unreachable_at INTEGER;
            ALTER TABLE outbox ADD COLUMN sent_message_id TEXT;
            """),
        new(3, "conversation modes and the dialog versions conversations are pinned to", """
            -- What a conversation waits for besides an answer: NULL, 'confirm' (a known value offered), or
            -- 'edit:<review step>' (an answer being changed from a review).
            ALTER TABLE conversations ADD COLUMN mode TEXT;

            -- The content hash of the dialog file a conversation started on: it finishes on that version.
            ALTER TABLE conversations ADD COLUMN dialog_hash TEXT;

            -- Every dialog version a conversation may still run on, so a change or a restart never moves one.
            CREATE TABLE dialog_versions (
                hash TEXT PRIMARY KEY,
                dialog_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                path TEXT NOT NULL,
                source TEXT NOT NULL,
                first_loaded_at INTEGER NOT NULL
            ) WITHOUT ROWID;
            """),
        new(4, "training registrations", """
            -- One row per registration; status is 'seat', 'waitlist' or 'cancelled'. waitlist_order orders the
            -- waiting list (lower first); an owner holds at most one active registration per programme.
            CREATE TABLE training_registrations (
                id INTEGER PRIMARY KEY,
                program_id TEXT NOT NULL,
                user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                nik TEXT,
                phone TEXT,
                status TEXT NOT NULL,
                waitlist_order INTEGER,
                code TEXT NOT NULL UNIQUE,
                created_at INTEGER NOT NULL,
                promoted_at INTEGER,
                cancelled_at INTEGER
            );
            CREATE UNIQUE INDEX training_registrations_active ON training_registrations (program_id, user_id) WHERE status <> 'cancelled';
            CREATE INDEX training_registrations_program ON training_registrations (program_id, status, waitlist_order);
            CREATE INDEX training_registrations_user ON training_registrations (user_id);
            """),
        new(5, "announcements: opt-outs, broadcasts and their recipients", """
            -- Set by /berhenti (/stop), cleared by /mulai: no announcements meanwhile; the dialogs still answer.
            ALTER TABLE users ADD COLUMN opted_out_at INTEGER;

            -- Segments filter on profile values (province, sector, scale...).
            CREATE INDEX profile_values_key ON profile_values (key, value);

            -- One row per announcement. segment: the filters in their canonical text ('' = every owner).
            -- status: 'scheduled' (waits for scheduled_at), 'sending', 'finished' or 'cancelled'.
            CREATE TABLE broadcasts (
                id INTEGER PRIMARY KEY,
                text_id TEXT NOT NULL,
                text_en TEXT,
                button_label TEXT,
                button_command TEXT,
                segment TEXT NOT NULL,
                created_by TEXT NOT NULL,
                status TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                scheduled_at INTEGER NOT NULL,
                started_at INTEGER,
                finished_at INTEGER,
                cancelled_at INTEGER
            );
            CREATE INDEX broadcasts_open ON broadcasts (status, scheduled_at) WHERE status IN ('scheduled', 'sending');

            -- The recipients, fixed when the broadcast starts. status: 'waiting' (not in the outbox yet: its turn
            -- has not come, or quiet hours), 'queued' (in the outbox), 'sent', 'failed', 'blocked', 'opted_out',
            -- 'uncertain' (on the wire when the worker died: maybe delivered, so never sent again) or 'cancelled'.
            -- utc_offset: the owner's time zone in minutes (WIB 420, WITA 480, WIT 540), for quiet hours.
            CREATE TABLE broadcast_recipients (
                broadcast_id INTEGER NOT NULL REFERENCES broadcasts (id),
                user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                utc_offset INTEGER NOT NULL,
                status TEXT NOT NULL,
                outbox_id INTEGER,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (broadcast_id, user_id)
            ) WITHOUT ROWID;
            CREATE INDEX broadcast_recipients_status ON broadcast_recipients (broadcast_id, status, utc_offset);

            -- An announcement's broadcast, and when it went on the wire: set (and committed) just before the send,
            -- so that after a crash an announcement that may have been delivered is never sent a second time.
            ALTER TABLE outbox ADD COLUMN broadcast_id INTEGER;
            ALTER TABLE outbox ADD COLUMN sending_since INTEGER;
            """),
        new(6, "tap tokens: how many times a conversation's question was shown with buttons", """
            -- Each rendering of a question's buttons counts one; a tap carries the token of its rendering and only
            -- the latest one answers (older, replayed, forged or another owner's taps change nothing).
            ALTER TABLE conversations ADD COLUMN render INTEGER NOT NULL DEFAULT 0;
            """),
        new(7, "each chat's waiting messages in order, for reading the outbox fairly across chats", """
            -- The sender takes the oldest waiting message of each chat (so one chat's backlog cannot fill its
            -- window), and the writer counts a chat's waiting replies (to merge a flood's replies): both are
            -- ranges of this index.
            CREATE INDEX outbox_chat_pending ON outbox (channel, chat_id, priority, id) WHERE sent_at IS NULL AND failed_at IS NULL;
            """),
        new(8, "dead letters: updates a channel sent that could not be read", """
            -- Kept for operators (deadletters list) instead of stopping the channel: the raw bytes as received,
            -- the channel's id of the update when it could be read, and why it was set aside.
            CREATE TABLE dead_letters (
                id INTEGER PRIMARY KEY,
                channel TEXT NOT NULL,
                update_id TEXT,
                reason TEXT NOT NULL,
                raw BLOB NOT NULL,
                received_at INTEGER NOT NULL
            );
            """),
        new(9, "WhatsApp: delivery statuses, templates, messages held for the 24-hour window, pages of long lists", """
            -- The furthest delivery status the channel reported for a sent message: 1 sent, 2 delivered, 3 read,
            -- 4 failed (only before delivered). Statuses come out of order; a lower one never replaces a higher.
            ALTER TABLE outbox ADD COLUMN delivery INTEGER;
            ALTER TABLE outbox ADD COLUMN delivery_at INTEGER;
            CREATE INDEX outbox_sent_message ON outbox (channel, sent_message_id) WHERE sent_message_id IS NOT NULL;

            -- Status webhooks already applied (Meta redelivers them for days): one row per message id and status.
            CREATE TABLE delivery_statuses (
                channel TEXT NOT NULL,
                message_id TEXT NOT NULL,
                status TEXT NOT NULL,
                received_at INTEGER NOT NULL,
                PRIMARY KEY (channel, message_id, status)
            ) WITHOUT ROWID;

            -- An approved template a business-initiated message goes as, outside WhatsApp's 24-hour window:
            -- JSON {"name","language","parameters":[...]}; NULL for a free-form message.
            ALTER TABLE outbox ADD COLUMN template TEXT;

            -- Set when the channel refused a free-form message outside its window: the message (and the chat's
            -- later ones, behind it) waits for the owner's next message, which releases it.
            ALTER TABLE outbox ADD COLUMN held_since INTEGER;

            -- Which page of a long list of options the message shows (WhatsApp's "Lainnya"); 0 is the first.
            ALTER TABLE outbox ADD COLUMN page INTEGER NOT NULL DEFAULT 0;

            -- The template an announcement uses for WhatsApp owners outside the 24-hour window (as outbox.template);
            -- NULL: those owners are counted 'outside_window' and sent nothing.
            ALTER TABLE broadcasts ADD COLUMN whatsapp_template TEXT;
            """),
        new(10, "operator console: one-time sign-in links and the audit log", """
            -- A /masuk link works once, for a few minutes; only its SHA-256 is kept, so the database never holds a
            -- link that would sign anyone in.
            CREATE TABLE console_links (
                token_hash BLOB PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                used_at INTEGER
            ) WITHOUT ROWID;

            -- Every operator action in the console: who (channel:chat id, kept when the user row goes), what, on what.
            CREATE TABLE console_audit (
                id INTEGER PRIMARY KEY,
                at INTEGER NOT NULL,
                operator TEXT NOT NULL,
                action TEXT NOT NULL,
                detail TEXT
            );
            """),
        new(11, "human handoff: owners' requests for a person, who has each, and what was written meanwhile", """
            -- One row per request for a person (/petugas, or the offer after two answers not understood). Open while
            -- closed_at is NULL; an operator takes it (taken_by: who, as the console names them, for the others to
            -- see) and hands it back (handed_back_at, closed_at), or closes it unanswered (closed_at alone).
            -- after_hours_noted_at: the owner was told once when someone will answer.
            CREATE TABLE handoffs (
                id INTEGER PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                channel TEXT NOT NULL,
                chat_id TEXT NOT NULL,
                opened_at INTEGER NOT NULL,
                taken_by TEXT,
                taken_at INTEGER,
                handed_back_at INTEGER,
                closed_at INTEGER,
                after_hours_noted_at INTEGER
            );
            -- At most one open request per chat: while it is open, the owner's messages go to it, not the dialogs.
            CREATE UNIQUE INDEX handoffs_open ON handoffs (channel, chat_id) WHERE closed_at IS NULL;

            -- The transcript while a request is open: the owner's messages (operator NULL) and the operators'
            -- replies, with the outbox row each reply went out as.
            CREATE TABLE handoff_messages (
                id INTEGER PRIMARY KEY,
                handoff_id INTEGER NOT NULL REFERENCES handoffs (id) ON DELETE CASCADE,
                operator TEXT,
                text TEXT NOT NULL,
                at INTEGER NOT NULL,
                outbox_id INTEGER
            );
            CREATE INDEX handoff_messages_by_handoff ON handoff_messages (handoff_id, id);
            """),
        new(12, "operator console: sessions kept on the server, so signing out and removing an operator end them", """
            -- One row per console sign-in; the cookie names it by a random id of which only the SHA-256 is kept. A
            -- session is live while ended_at is NULL: signing out ends it, so a copied cookie is worthless afterwards.
            CREATE TABLE console_sessions (
                id_hash BLOB PRIMARY KEY,
                operator TEXT NOT NULL,
                started_at INTEGER NOT NULL,
                ended_at INTEGER
            ) WITHOUT ROWID;
            """),
        new(13, "operator console: its data-protection keys in the database, so every replica reads the cookies any replica issued", """
            -- The XML key ring that signs the console's cookies and anti-forgery tokens. Used on PostgreSQL, where several
            -- replicas serve the console behind one proxy; one SQLite worker keeps its keys in a folder beside the file.
            CREATE TABLE console_keys (
                name TEXT PRIMARY KEY,
                xml TEXT NOT NULL,
                created_at INTEGER NOT NULL
            );
            """),
        new(14, "reminders: a durable schedule of what the assistant says first, each owner's choice of kinds, training ratings", """
            -- One row per reminder: whom, which kind, what it reminds of (a registration code, a programme id, a
            -- conversation's stop, an export check), when it is due and where it stands. The unique key keeps the
            -- planner from ever scheduling the same reminder twice; a queued one names its outbox message.
            CREATE TABLE reminders (
                id INTEGER PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                subject TEXT NOT NULL,
                due_at INTEGER NOT NULL,
                state TEXT NOT NULL,
                reason TEXT,
                outbox_id INTEGER,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                UNIQUE (user_id, kind, subject)
            );
            CREATE INDEX reminders_due ON reminders (due_at) WHERE state = 'scheduled';
            CREATE INDEX reminders_outbox ON reminders (outbox_id) WHERE outbox_id IS NOT NULL;

            -- The kinds an owner turned off with /pengingat (a missing row is on).
            CREATE TABLE reminder_settings (
                user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                topic TEXT NOT NULL,
                enabled INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (user_id, topic)
            ) WITHOUT ROWID;

            -- How far the planner has read each source (conversations stopped, programmes looked at), so that a round
            -- reads only what is new.
            CREATE TABLE reminder_marks (
                name TEXT PRIMARY KEY,
                value INTEGER NOT NULL
            );

            -- The one-question rating an owner gives after a training, for the operators' report.
            ALTER TABLE training_registrations ADD COLUMN rating INTEGER;
            ALTER TABLE training_registrations ADD COLUMN rated_at INTEGER;
            """),
        new(15, "held messages indexed: a batch asks once whether anything is held for a closed window", """
            -- Held messages (WhatsApp's window closed) are few; the writer asks once per batch whether there are any before
            -- releasing an owner's, and releases them by chat. Without this index both read every waiting message.
            CREATE INDEX outbox_held ON outbox (channel, chat_id, id) WHERE held_since IS NOT NULL AND sent_at IS NULL AND failed_at IS NULL;
            """),
    ];
}
