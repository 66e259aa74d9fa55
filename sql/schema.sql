-- DuckDB schema of the assistant. DuckDB is the source of truth: a vector hit whose chunk is not
-- in `chunks` is ignored, so a half-finished ingest can never surface stale text.

CREATE TABLE IF NOT EXISTS documents (
    doc_id        VARCHAR PRIMARY KEY,   -- sha256 of the file content (first 16 hex digits)
    file_name     VARCHAR NOT NULL UNIQUE,
    path          VARCHAR,
    title         VARCHAR,
    municipality  VARCHAR,
    period_label  VARCHAR,               -- 2018-H1, 2017, ...
    period_start  DATE,
    period_end    DATE,
    kind          VARCHAR,               -- halfjaarrapportage, jaarverslag, monitor, bijlage, ...
    n_lines       INTEGER,
    n_pages       INTEGER,
    pipeline_version VARCHAR,            -- re-process a file when chunking/extraction changed
    detected_from VARCHAR,               -- where title/municipality/period/kind came from (Dutch)
    ingested_at   TIMESTAMP DEFAULT current_timestamp
);

CREATE TABLE IF NOT EXISTS chunks (
    chunk_id    VARCHAR PRIMARY KEY,     -- doc_id:seq
    doc_id      VARCHAR NOT NULL,
    seq         INTEGER NOT NULL,
    file_name   VARCHAR NOT NULL,
    line_start  INTEGER NOT NULL,        -- 1-based, inclusive
    line_end    INTEGER NOT NULL,        -- 1-based, inclusive
    page        INTEGER,
    section     VARCHAR,
    figure      VARCHAR,
    kind        VARCHAR,                 -- prose | table | list | quote
    text        VARCHAR NOT NULL,
    text_hash   VARCHAR NOT NULL
);

-- The full text of each document, line by line, so a citation can show its passage.
CREATE TABLE IF NOT EXISTS lines (
    doc_id   VARCHAR NOT NULL,
    line_no  INTEGER NOT NULL,
    page     INTEGER,
    text     VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, line_no)
);

-- Embeddings cached by model and chunk text hash: re-ingesting unchanged text costs nothing.
CREATE TABLE IF NOT EXISTS embedding_cache (
    model      VARCHAR NOT NULL,
    text_hash  VARCHAR NOT NULL,
    vector     FLOAT[] NOT NULL,
    PRIMARY KEY (model, text_hash)
);

CREATE TABLE IF NOT EXISTS figures (
    figure_id    VARCHAR PRIMARY KEY,
    doc_id       VARCHAR NOT NULL,
    file_name    VARCHAR NOT NULL,
    label        VARCHAR NOT NULL,       -- "Figuur 3", "Tabel 7" or the title
    title        VARCHAR,
    source_note  VARCHAR,                -- "bron: GWS"
    unit         VARCHAR,
    scale        DOUBLE DEFAULT 1,       -- 1000 for "bedragen x €1000"
    line_start   INTEGER,
    line_end     INTEGER,
    page         INTEGER,
    layout       VARCHAR,
    status       VARCHAR DEFAULT 'read', -- read | partly | not_read: how well the table reader aligned it
    status_note  VARCHAR,                -- why, in Dutch, when not fully read
    header_lines INTEGER[],              -- lines of the column headers (shown above a cited row)
    section      VARCHAR                 -- heading path the table stands under: says what a bare table is about
);

-- One row per table cell (long format).
CREATE SEQUENCE IF NOT EXISTS fact_id_seq;

CREATE TABLE IF NOT EXISTS facts (
    fact_id       BIGINT PRIMARY KEY DEFAULT nextval('fact_id_seq'),
    figure_id     VARCHAR NOT NULL,
    doc_id        VARCHAR NOT NULL,
    file_name     VARCHAR NOT NULL,
    row_label     VARCHAR NOT NULL,
    row_path      VARCHAR NOT NULL,      -- "Jeugd > Jeugdwet"
    column_label  VARCHAR,
    period_label  VARCHAR,               -- 2018-H1, 2017, 2017-Q4
    period_start  DATE,
    period_end    DATE,
    period_kind   VARCHAR,               -- realisatie, raming, begroting, resultaat, ...
    municipality  VARCHAR,
    measure       VARCHAR,
    unit          VARCHAR,               -- aantal, %, €, € x 1000, weken, rapportcijfer
    value         DOUBLE,                -- NULL when the cell says n.b., n.v.t., -, geheim
    status        VARCHAR,               -- that cell text when value is NULL
    raw           VARCHAR NOT NULL,      -- cell text as in the source line
    line          INTEGER NOT NULL,
    page          INTEGER,
    cell_ref      VARCHAR,               -- spreadsheets: "Blad1!C7"
    unit_text     VARCHAR,               -- the unit as printed ("per 10.000 inwoners van 18 jaar en ouder")
    period_note   VARCHAR,               -- "voorlopig", "peildatum 1 oktober 2021": not a final figure
    marker        VARCHAR                -- "N" (nadelig) / "V" (voordelig) printed with an amount
);

-- The figure index: one entry per table row (its words for BM25; its embedding in embedding_cache).
CREATE TABLE IF NOT EXISTS figure_rows (
    row_id       VARCHAR PRIMARY KEY,
    figure_id    VARCHAR NOT NULL,
    doc_id       VARCHAR NOT NULL,
    row_path     VARCHAR NOT NULL,
    text         VARCHAR NOT NULL,
    text_hash    VARCHAR NOT NULL,
    scopes       VARCHAR,                -- municipalities its facts are about, "|"-joined
    measures     VARCHAR,                -- measure classes, "|"-joined
    periods      VARCHAR                 -- period labels, "|"-joined
);

CREATE TABLE IF NOT EXISTS commitments (
    number       VARCHAR NOT NULL,       -- T2018-063
    doc_id       VARCHAR NOT NULL,
    file_name    VARCHAR NOT NULL,
    text         VARCHAR NOT NULL,
    fulfilment   VARCHAR,
    status       VARCHAR,
    line_start   INTEGER,
    line_end     INTEGER,
    page         INTEGER,
    made_on      VARCHAR,                -- the meeting date as printed
    owner        VARCHAR                 -- portefeuillehouder
);

CREATE TABLE IF NOT EXISTS doc_references (
    ref          VARCHAR NOT NULL,       -- T18.11285, U18.05063
    doc_id       VARCHAR NOT NULL,
    file_name    VARCHAR NOT NULL,
    sentence     VARCHAR NOT NULL,
    line         INTEGER,
    page         INTEGER
);


-- Migrations for stores created by earlier versions.
DROP TABLE IF EXISTS plans;  -- beleidsaccent schemes are key-value tables now
ALTER TABLE documents ADD COLUMN IF NOT EXISTS pipeline_version VARCHAR;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS detected_from VARCHAR;
ALTER TABLE figures ADD COLUMN IF NOT EXISTS status VARCHAR DEFAULT 'read';
ALTER TABLE figures ADD COLUMN IF NOT EXISTS status_note VARCHAR;
ALTER TABLE figures ADD COLUMN IF NOT EXISTS header_lines INTEGER[];
ALTER TABLE facts ADD COLUMN IF NOT EXISTS cell_ref VARCHAR;
ALTER TABLE commitments ADD COLUMN IF NOT EXISTS made_on VARCHAR;
ALTER TABLE commitments ADD COLUMN IF NOT EXISTS owner VARCHAR;
ALTER TABLE facts ADD COLUMN IF NOT EXISTS period_note VARCHAR;
ALTER TABLE facts ADD COLUMN IF NOT EXISTS marker VARCHAR;
ALTER TABLE facts ADD COLUMN IF NOT EXISTS unit_text VARCHAR;
ALTER TABLE figures ADD COLUMN IF NOT EXISTS section VARCHAR;
