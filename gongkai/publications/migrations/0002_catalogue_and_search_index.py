"""Standard catalogue nodes (条例 第二十条、第二十一条, verbatim) and the per-database search index."""

from django.db import migrations

from gongkai.publications.catalogue import ensure_standard_nodes


def load_nodes(apps, schema_editor):
    ensure_standard_nodes(apps.get_model("publications", "CatalogueNode"))


SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE publications_fts USING fts5(tokens, content='publications_searchdocument', "
    "content_rowid='publication_id', tokenize='unicode61')",
    "CREATE TRIGGER publications_fts_ai AFTER INSERT ON publications_searchdocument BEGIN "
    "INSERT INTO publications_fts(rowid, tokens) VALUES (new.publication_id, new.tokens); END",
    "CREATE TRIGGER publications_fts_ad AFTER DELETE ON publications_searchdocument BEGIN "
    "INSERT INTO publications_fts(publications_fts, rowid, tokens) VALUES ('delete', old.publication_id, old.tokens); END",
    "CREATE TRIGGER publications_fts_au AFTER UPDATE ON publications_searchdocument BEGIN "
    "INSERT INTO publications_fts(publications_fts, rowid, tokens) VALUES ('delete', old.publication_id, old.tokens); "
    "INSERT INTO publications_fts(rowid, tokens) VALUES (new.publication_id, new.tokens); END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS publications_fts_au",
    "DROP TRIGGER IF EXISTS publications_fts_ad",
    "DROP TRIGGER IF EXISTS publications_fts_ai",
    "DROP TABLE IF EXISTS publications_fts",
]
PG_FORWARD = [
    "ALTER TABLE publications_searchdocument ADD COLUMN tsv tsvector "
    "GENERATED ALWAYS AS (array_to_tsvector(string_to_array(tokens, ' '))) STORED",
    "CREATE INDEX publications_searchdocument_tsv ON publications_searchdocument USING gin (tsv)",
]
PG_BACKWARD = [
    "DROP INDEX IF EXISTS publications_searchdocument_tsv",
    "ALTER TABLE publications_searchdocument DROP COLUMN IF EXISTS tsv",
]


def search_forward(apps, schema_editor):
    statements = {"sqlite": SQLITE_FORWARD, "postgresql": PG_FORWARD}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


def search_backward(apps, schema_editor):
    statements = {"sqlite": SQLITE_BACKWARD, "postgresql": PG_BACKWARD}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("publications", "0001_initial")]

    operations = [
        migrations.RunPython(load_nodes, migrations.RunPython.noop),
        migrations.RunPython(search_forward, search_backward),
    ]
