"""The local SQLite file: ORM rows, migrations, and the repository that owns every query."""
