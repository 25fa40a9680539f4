-- The world of the Leads API: organisations, the people who belong to them, their sales
-- stages, clients and leads, and the login sessions of people.
-- Every row that clients see is addressed by a unique_id; integer ids stay internal.

CREATE TABLE organisations (
    id INTEGER PRIMARY KEY,
    unique_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    unique_id TEXT NOT NULL UNIQUE,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    full_name TEXT NOT NULL DEFAULT '',
    is_active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE memberships (
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    PRIMARY KEY (organisation_id, person_id)
) WITHOUT ROWID;

CREATE INDEX memberships_by_person ON memberships (person_id);

CREATE TABLE sales_stages (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    unique_id TEXT NOT NULL,
    name TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    UNIQUE (organisation_id, unique_id)
);

CREATE TABLE clients (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    unique_id TEXT NOT NULL,
    name TEXT NOT NULL,
    UNIQUE (organisation_id, unique_id)
);

-- Decimals are stored as their exact text with two places ("1000.00"), never as REAL.
-- Dates are ISO 8601 text; date-times are UTC with a Z suffix, as the API returns them.
CREATE TABLE leads (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    unique_id TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT,
    qualification_notes TEXT,
    priority TEXT NOT NULL DEFAULT 'medium'
        CHECK (priority IN ('low', 'medium', 'high', 'critical')),
    lead_source TEXT NOT NULL CHECK (lead_source IN (
        'website', 'social_media', 'email_marketing', 'referral', 'cold_calling',
        'trade_show', 'advertising', 'content_marketing', 'seo', 'ppc', 'partner', 'other'
    )),
    estimated_value TEXT,
    win_probability TEXT,
    sales_stage_id INTEGER REFERENCES sales_stages (id) ON DELETE SET NULL,
    client_id INTEGER REFERENCES clients (id) ON DELETE SET NULL,
    expected_close_date TEXT,
    follow_up_date TEXT,
    created_by_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
    assigned_to_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
    date_created TEXT NOT NULL,
    last_updated TEXT NOT NULL,
    UNIQUE (organisation_id, unique_id)
);

CREATE INDEX leads_newest_first ON leads (organisation_id, date_created DESC, id DESC);

CREATE TABLE sessions (
    session_key TEXT PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);

CREATE INDEX sessions_by_expiry ON sessions (expires_at);
