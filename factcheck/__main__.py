from factcheck.app.cli import entry

entry()
