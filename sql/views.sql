-- Views the answering layer and `python -m assistant sql` may query.

CREATE OR REPLACE VIEW fact_view AS
-- scope: the municipality a figure is about: its column or row municipality, else the document's.
SELECT f.fact_id, f.file_name, d.title AS document_title, g.label AS figure_label, g.title AS figure_title,
       f.row_path, f.row_label, f.column_label, f.period_label, f.period_start, f.period_end, f.period_kind,
       f.municipality, COALESCE(f.municipality, d.municipality) AS scope, d.municipality AS document_municipality,
       f.measure, COALESCE(f.unit, g.unit) AS unit, g.scale, f.value, f.status, f.raw, f.line, f.page,
       f.cell_ref, f.period_note, f.marker, f.unit_text, g.status AS figure_status,
       g.line_start AS figure_line_start, g.line_end AS figure_line_end, g.section AS figure_section,
       f.figure_id, f.doc_id
FROM facts f
JOIN figures g USING (figure_id)
JOIN documents d ON d.doc_id = f.doc_id;

CREATE OR REPLACE VIEW document_stats AS
SELECT d.doc_id, d.file_name, d.title, d.municipality, d.period_label, d.kind,
       (SELECT count(*) FROM chunks c WHERE c.doc_id = d.doc_id) AS n_chunks,
       (SELECT count(*) FROM facts f WHERE f.doc_id = d.doc_id) AS n_facts,
       (SELECT count(*) FROM figures g WHERE g.doc_id = d.doc_id) AS n_figures,
       (SELECT count(*) FROM figures g WHERE g.doc_id = d.doc_id AND g.status = 'read') AS n_tables_read,
       (SELECT count(*) FROM figures g WHERE g.doc_id = d.doc_id AND g.status = 'partly') AS n_tables_partly,
       (SELECT count(*) FROM figures g WHERE g.doc_id = d.doc_id AND g.status = 'not_read') AS n_tables_not_read,
       (SELECT count(*) FROM commitments c WHERE c.doc_id = d.doc_id) AS n_commitments
FROM documents d;
